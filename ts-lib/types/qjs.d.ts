/**
 * quickjs-libc's modules as a script inside a Bareos daemon sees them. Calls
 * that would harm the daemon (std.exit, std.setenv, std.unsetenv, os.chdir,
 * os.signal, os.ttySetRaw, os.Worker) are typed `never`: they throw.
 */
declare module "qjs:std" {
  export interface FILE {
    close(): number;
    puts(str: string): void;
    printf(fmt: string, ...args: unknown[]): number;
    flush(): void;
    seek(offset: number, whence: number): number;
    tell(): number;
    tello(): bigint;
    eof(): boolean;
    fileno(): number;
    error(): boolean;
    clearerr(): void;
    read(buffer: ArrayBuffer, position: number, length: number): number;
    write(buffer: ArrayBuffer, position: number, length: number): number;
    getline(): string | null;
    readAsString(maxSize?: number): string;
    readAsArrayBuffer(maxSize?: number): ArrayBuffer;
    getByte(): number;
    putByte(c: number): void;
  }
  export interface ErrorObj { errno?: number }
  export const SEEK_SET: number;
  export const SEEK_CUR: number;
  export const SEEK_END: number;
  export const Error: { readonly [name: string]: number };
  export const out: FILE;
  export const err: FILE;
  /** Throws: exiting would end the daemon and every job it runs. */
  export function exit(code?: number): never;
  export function setenv(name: string, value: string): never;
  export function unsetenv(name: string): never;
  export function evalScript(source: string, options?: { backtrace_barrier?: boolean; async?: boolean }): unknown;
  export function loadScript(filename: string): unknown;
  export function loadFile(filename: string): string | null;
  export function loadFile(filename: string, options: { binary: true }): Uint8Array | null;
  export function writeFile(filename: string, data: string | ArrayBuffer | ArrayBufferView): void;
  export function open(filename: string, flags: string, errorObj?: ErrorObj): FILE | null;
  export function popen(command: string, flags: string, errorObj?: ErrorObj): FILE | null;
  export function fdopen(fd: number, flags: string, errorObj?: ErrorObj): FILE | null;
  export function tmpfile(errorObj?: ErrorObj): FILE | null;
  export function puts(str: string): void;
  export function printf(fmt: string, ...args: unknown[]): number;
  export function sprintf(fmt: string, ...args: unknown[]): string;
  export function strerror(errno: number): string;
  export function gc(): void;
  export function getenv(name: string): string | undefined;
  export function getenviron(): Record<string, string>;
  export function urlGet(url: string, options?: { binary?: boolean; full?: boolean }): unknown;
}

declare module "qjs:os" {
  export interface Stat {
    dev: number; ino: number; mode: number; nlink: number; uid: number; gid: number;
    rdev: number; size: number; blocks: number;
    /** Milliseconds since 1970. */
    atime: number; mtime: number; ctime: number;
  }
  export interface ExecOptions {
    block?: boolean;
    usePath?: boolean;
    file?: string;
    cwd?: string;
    stdin?: number;
    stdout?: number;
    stderr?: number;
    env?: Record<string, string>;
    uid?: number;
    gid?: number;
    groups?: number[];
  }
  export const O_RDONLY: number; export const O_WRONLY: number; export const O_RDWR: number;
  export const O_APPEND: number; export const O_CREAT: number; export const O_EXCL: number;
  export const O_TRUNC: number;
  export const S_IFMT: number; export const S_IFIFO: number; export const S_IFCHR: number;
  export const S_IFDIR: number; export const S_IFBLK: number; export const S_IFREG: number;
  export const S_IFSOCK: number; export const S_IFLNK: number; export const S_ISGID: number;
  export const S_ISUID: number;
  export const SIGINT: number; export const SIGABRT: number; export const SIGFPE: number;
  export const SIGILL: number; export const SIGSEGV: number; export const SIGTERM: number;
  export const SIGQUIT: number; export const SIGPIPE: number; export const SIGALRM: number;
  export const SIGUSR1: number; export const SIGUSR2: number; export const SIGCHLD: number;
  export const SIGCONT: number; export const SIGSTOP: number; export const SIGTSTP: number;
  export const SIGTTIN: number; export const SIGTTOU: number;
  export const WNOHANG: number;
  export const platform: string;
  /** A handle, or a negative errno. */
  export function open(filename: string, flags: number, mode?: number): number;
  export function close(fd: number): number;
  export function seek(fd: number, offset: number, whence: number): number;
  export function read(fd: number, buffer: ArrayBuffer, offset: number, length: number): number;
  export function write(fd: number, buffer: ArrayBuffer, offset: number, length: number): number;
  export function isatty(fd: number): boolean;
  export function remove(filename: string): number;
  export function rename(oldname: string, newname: string): number;
  export function realpath(path: string): [string, number];
  export function getcwd(): [string, number];
  export function exePath(): string | undefined;
  export function mkdir(path: string, mode?: number): number;
  export function mkdtemp(pattern?: string): [string, number];
  export function mkstemp(pattern?: string): [number, string, number];
  export function stat(path: string): [Stat, number];
  export function lstat(path: string): [Stat, number];
  export function utimes(path: string, atime: number, mtime: number): number;
  export function symlink(target: string, linkpath: string): number;
  export function readlink(path: string): [string, number];
  export function readdir(path: string): [string[], number];
  export function setReadHandler(fd: number, func: (() => void) | null): void;
  export function setWriteHandler(fd: number, func: (() => void) | null): void;
  /** 0, or a negative errno. */
  export function kill(pid: number, sig: number): number;
  /**
   * With block (the default): the exit code, or minus the signal that ended
   * it. With block: false: the child's pid, to be waited for with waitpid().
   * Descriptors other than stdin/stdout/stderr are closed in the child.
   */
  export function exec(args: readonly string[], options?: ExecOptions): number;
  /**
   * [pid, raw wait status] (exit code = status >> 8 & 0xff, signal = status &
   * 0x7f); with WNOHANG while it runs [0, an unset status]; [-errno, 0] on error.
   */
  export function waitpid(pid: number, options: number): [number, number];
  export function getpid(): number;
  export function dup(fd: number): number;
  export function dup2(oldfd: number, newfd: number): number;
  export function pipe(): [number, number] | null;
  export function sleep(delayMs: number): void;
  export function sleepAsync(delayMs: number): Promise<void>;
  export function setTimeout(func: () => void, delayMs: number): number;
  export function clearTimeout(id: number): void;
  export function setInterval(func: () => void, delayMs: number): number;
  export function clearInterval(id: number): void;
  export function now(): number;
  export function cputime(): number;
  /** Throw: the working directory and signal handlers belong to the daemon. */
  export function chdir(path: string): never;
  export function signal(sig: number, func: (() => void) | null): never;
  export function ttySetRaw(fd: number): never;
  export const Worker: never;
}
