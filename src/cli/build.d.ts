// Types of build.js, which is plain JavaScript so that it can run before anything is compiled.

/** The project folder (the one with package.json). */
export declare const ROOT: string;
/** Where the builds go. */
export declare const DIST: string;
/** The TypeScript files that are compiled, relative to `root`, sorted. */
export declare function sourceFiles(root?: string): Promise<string[]>;
/** The key of the build that the sources in `root` make now. */
export declare function buildKey(root?: string): Promise<string>;
/** The folder of the build with this key. */
export declare function buildDir(key: string, root?: string): string;
/** The build of the sources as they are now, compiled first if there is none. */
export declare function ensureBuild(options?: { root?: string; onCompile?: () => void }): Promise<{ dir: string; key: string; compiled: boolean }>;
