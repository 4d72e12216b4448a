export declare const CHROMIUM_VARIABLE: 'CLIENTSEG_CHROMIUM';

export interface FindChromiumOptions {
  /** Default: process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Default: process.platform. */
  readonly platform?: NodeJS.Platform;
  /** Default: os.homedir(). */
  readonly home?: string;
  /** Default: isExecutableFile. */
  readonly isExecutable?: (file: string) => boolean;
}

export type ChromiumSearch =
  | { readonly found: true; readonly path: string; readonly source: 'CLIENTSEG_CHROMIUM' | 'usual place' }
  | { readonly found: false; readonly problem: string };

export declare function usualChromiumPaths(options?: Omit<FindChromiumOptions, 'isExecutable'>): string[];
export declare function isExecutableFile(file: string): boolean;
export declare function findChromium(options?: FindChromiumOptions): ChromiumSearch;
export declare function chromiumExecutable(): string;
