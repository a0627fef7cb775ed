/** The dashboard's pages: path, navigation label, and the script module that renders it. */
export interface DashboardPage {
  path: string;
  /** the page script under web/pages/ and the body's data-page */
  name: string;
  title: string;
  /** shown in the navigation bar (the admin login page is not) */
  nav: boolean;
}

export const DASHBOARD_PAGES: readonly DashboardPage[] = [
  { path: '/', name: 'overview', title: 'Overview', nav: true },
  { path: '/top', name: 'top', title: 'Top 10', nav: true },
  { path: '/group', name: 'group', title: 'Friends', nav: true },
  { path: '/charts', name: 'charts', title: 'Charts', nav: true },
  { path: '/live', name: 'live', title: 'Live', nav: true },
  { path: '/pipeline', name: 'pipeline', title: 'Pipeline', nav: true },
  { path: '/connect', name: 'connect', title: 'Connect', nav: true },
  { path: '/admin/login', name: 'admin-login', title: 'Admin login', nav: false },
];
