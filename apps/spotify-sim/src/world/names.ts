/*
 * Word pools for generated names. Each genre writes in its own script so the
 * catalogue exercises Unicode end to end (Japanese, Cyrillic, Arabic, accented Latin,
 * emoji), and a few deliberately hostile strings are planted by the catalogue builder
 * so every consumer has to escape and parameterise properly.
 */
import type { Rng } from './prng.ts';

export interface GenrePool {
  readonly genre: string;
  readonly artistFirst: readonly string[];
  readonly artistSecond: readonly string[];
  readonly words: readonly string[];
  readonly label: string;
}

/** Pool lists are written '|'-separated: compact, and names may contain spaces. */
const words = (list: string): readonly string[] => list.split('|');

export const GENRES: readonly GenrePool[] = [
  {
    genre: 'j-pop',
    artistFirst: words('星野|宇多田|米津|あいみょん|藤井|椎名|山下|竹内|ヨルシカ|緑黄色'),
    artistSecond: words('ヒカル|玄|風|まりや|達郎|林檎|社会||バンド|ガールズ'),
    words: words('夜|桜|東京|恋|夢|青い|雨|星|シティ|ポップ|海|光|花火|午後'),
    label: 'ビクター',
  },
  {
    genre: 'russian post-punk',
    artistFirst: words('Молчат|Кино|Сплин|Буерак|Ploho|Дайте|Звуки|Ночные|Электрофорез|Хадн'),
    artistSecond: words('Дома|Группа|Танк|Му|Снайперы|Дудки|Братья||Коллектив|Лес'),
    words: words('Судно|Звезда|Кровь|Город|Ночь|Танцевать|Холод|Море|Тоска|Весна|Последний|Герой'),
    label: 'Союз',
  },
  {
    genre: 'arabic pop',
    artistFirst: words('عمرو|نانسي|فيروز|محمد|إليسا|تامر|راغب|شيرين|ماجدة|وائل'),
    artistSecond: words('دياب|عجرم||منير|خوري|حسني|علامة|عبد الوهاب|الرومي|كفوري'),
    words: words('حبيبي|قلبي|ليل|يا|عيون|بحر|سهر|أمل|نور|غرام|شمس|حنين'),
    label: 'روتانا',
  },
  {
    genre: 'chanson',
    artistFirst: words('Zaz|Stromae|Angèle|Édith|Benjamin|Camille|Françoise|Loïc|Hélène|Noël'),
    artistSecond: words('Piaf|Biolay|Hardy|Nottet|Ségara|Gaël|Brel|Ferré|Lenoir|Müller'),
    words: words('Été|Cœur|Rêve|Déjà|Château|Forêt|Ça|Marché|Naïve|Soirée|Fenêtre|Lumière'),
    label: 'Éditions Périphérie',
  },
  {
    genre: 'hip hop',
    artistFirst: words('Lil|MC|Young|Big|DJ|Kid|Cool|Saint|Notorious|Tha'),
    artistSecond: words('Static|Verse|Cipher|Flow|Blocks|Kane|Jay|Prophet|Crew|Vandal'),
    words: words('Hustle|Money|Block|Crown|Night|Drip|Gold|Pressure|Street|Dreams|Real|Cold'),
    label: 'Concrete Records',
  },
  {
    genre: 'techno',
    artistFirst: words('Kraft|Nacht|Tresor|Stahl|Puls|Schall|Berg|Ufer|Kern|Strom'),
    artistSecond: words('werk|maschine|Sektor|Einheit|Null|Modul|Signal|Frequenz|Rausch|Halle'),
    words: words('Acid|Loop|Drift|Pulse|Grid|Tunnel|Sync|Phase|Void|Motion|Bass|Ritual'),
    label: 'Tresorwerk',
  },
  {
    genre: 'indie rock',
    artistFirst: words('The|Arctic|Velvet|Broken|Silver|Paper|Glass|Neon|Wild|Lonely'),
    artistSecond: words(
      'Strokes|Foxes|Lanterns|Horses|Satellites|Parade|Wolves|Rivals|Tides|Ghosts',
    ),
    words: words(
      'Summer|Heart|Signal|Youth|Television|Runaway|Holiday|Static|Blue|Monday|Lights|Fever',
    ),
    label: 'Basement Tapes',
  },
  {
    genre: 'jazz',
    artistFirst: words('Miles|Nina|Thelonious|Ella|Chet|Bill|Sonny|Billie|Art|Dizzy'),
    artistSecond: words('Quartet|Trio|Davis|Simone|Monk|Baker|Evans|Rollins|Holiday|Blakey'),
    words: words(
      'Blue|Midnight|Round|Autumn|Smoke|Velvet|Waltz|Moonlight|Swing|Bossa|Corner|Ballad',
    ),
    label: 'Blue Smoke',
  },
];

export const SHOW_WORDS = words(
  'Daily|Tech|History|Crime|Science|Talk|Football|Kultur|Nachrichten|ニュース|Подкаст|بودكاست',
);

export function artistName(rng: Rng, pool: GenrePool): string {
  const first = rng.pick(pool.artistFirst);
  const second = rng.pick(pool.artistSecond);
  return second === '' ? first : `${first} ${second}`;
}

export function titleFrom(rng: Rng, pool: GenrePool, words: number): string {
  const parts: string[] = [];
  for (let i = 0; i < words; i++) parts.push(rng.pick(pool.words));
  return parts.join(' ');
}
