const int = new Intl.NumberFormat('en');
const one = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

export const fmtInt = (n) => (n === null || n === undefined ? '—' : int.format(n));
export const fmtMinutes = (m) => (m === null || m === undefined ? '—' : `${one.format(m)} min`);
export const fmtHours = (m) => (m === null || m === undefined ? '—' : `${one.format(m / 60)} h`);
export const fmtDate = (iso) => (iso ? new Date(iso).toISOString().slice(0, 10) : '—');
export const fmtDateTime = (iso) =>
  iso ? new Date(iso).toISOString().replace('T', ' ').slice(0, 19) + ' UTC' : '—';
export const fmtDuration = (ms) => {
  if (ms === null || ms === undefined) return '—';
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};
