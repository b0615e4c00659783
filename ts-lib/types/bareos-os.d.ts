/**
 * bareos:os — file-system calls for backups and restores, safe for any file
 * name: names are bytes, and a byte that is not part of valid UTF-8 travels
 * as the lone surrogate U+DC00+byte ("surrogateescape", as in the packets),
 * so every string from here goes back to the same bytes in every call that
 * takes one. readFile/decode also give file contents and program output
 * this way, and exec/getenv/environ pass arguments and variables as bytes.
 * Failures throw an OsError.
 */
declare module "bareos:os" {
  export interface OsError extends Error {
    /** The errno name, e.g. "ENOENT". */
    code: string;
    errno: number;
    syscall: string;
    path?: string;
  }
  export interface Stat {
    st_dev: number; st_ino: number; st_mode: number; st_nlink: number;
    st_uid: number; st_gid: number; st_rdev: number; st_size: number;
    st_blksize: number; st_blocks: number;
    /** Whole seconds, as in StatPacket. */
    st_atime: number; st_mtime: number; st_ctime: number;
    /** Seconds with the nanoseconds as fraction. */
    atime: number; mtime: number; ctime: number;
  }
  export function stat(path: string): Stat;
  export function lstat(path: string): Stat;
  export function fstat(fd: number): Stat;
  /** A descriptor (opened with O_CLOEXEC). flags default O_RDONLY, mode 0o666. */
  export function open(path: string, flags?: number, mode?: number): number;
  export function close(fd: number): void;
  /** Bytes read into buffer[offset, offset+length); 0 at end of file. */
  export function read(fd: number, buffer: Uint8Array | ArrayBuffer, offset?: number, length?: number): number;
  export function write(fd: number, buffer: Uint8Array | ArrayBuffer, offset?: number, length?: number): number;
  export function lseek(fd: number, offset: number, whence?: number): number;
  export function fsync(fd: number): void;
  export function ftruncate(fd: number, length: number): void;
  /** [read end, write end], both close-on-exec (pass them to exec as stdin/stdout). */
  export function pipe(): [number, number];
  /** Names without "." and "..". */
  export function readdir(path: string): string[];
  export interface DirEntry {
    name: string;
    /** S_IFREG, S_IFDIR, ... as the directory tells it: no lstat needed to
     * walk a tree; 0 where the file system does not say. */
    type: number;
  }
  /** Entries without "." and "..", with their types, sorted by name (byte order). */
  export function scandir(path: string): DirEntry[];
  export function readlink(path: string): string;
  /** A whole regular file as a byte string (a list of names, an options file). */
  export function readFile(path: string): string;
  /** Bytes (a program's output) as a byte string. */
  export function decode(bytes: Uint8Array | ArrayBuffer): string;
  /** The bytes a byte string stands for (the inverse of decode). */
  export function encode(text: string): Uint8Array;
  /** A variable of the daemon's environment, or undefined. */
  export function getenv(name: string): string | undefined;
  /** The daemon's whole environment. */
  export function environ(): Record<string, string>;
  export interface ExecOptions {
    /** The program to run (default argv[0]); no PATH search. */
    file?: string;
    /** Its whole environment (default the daemon's). */
    env?: Readonly<Record<string, string>>;
    cwd?: string;
    /** Descriptors (above 2) for its stdin, stdout, stderr; default the daemon's own. */
    stdin?: number;
    stdout?: number;
    stderr?: number;
  }
  /**
   * Starts a program; returns its pid (wait for it with qjs:os waitpid).
   * Arguments and variables are passed as bytes; the program gets only
   * descriptors 0-2, and SIGPIPE at its default. A program that cannot be
   * started throws (ENOENT, EACCES, ...).
   */
  export function exec(argv: readonly string[], options?: ExecOptions): number;
  export function realpath(path: string): string;
  export function symlink(target: string, path: string): void;
  export function link(existing: string, path: string): void;
  export function rename(from: string, to: string): void;
  export function mkdir(path: string, mode?: number): void;
  export function rmdir(path: string): void;
  export function unlink(path: string): void;
  export function mkfifo(path: string, mode?: number): void;
  export function chmod(path: string, mode: number): void;
  export function fchmod(fd: number, mode: number): void;
  export function chown(path: string, uid: number, gid: number): void;
  export function lchown(path: string, uid: number, gid: number): void;
  export function fchown(fd: number, uid: number, gid: number): void;
  /** Times in seconds (fractions allowed). */
  export function utimes(path: string, atime: number, mtime: number): void;
  export function lutimes(path: string, atime: number, mtime: number): void;
  export function futimes(fd: number, atime: number, mtime: number): void;
  export const O_RDONLY: number; export const O_WRONLY: number; export const O_RDWR: number;
  export const O_CREAT: number; export const O_EXCL: number; export const O_TRUNC: number;
  export const O_APPEND: number; export const O_NOFOLLOW: number; export const O_NOATIME: number;
  export const O_DIRECTORY: number; export const O_NONBLOCK: number;
  export const S_IFMT: number; export const S_IFREG: number; export const S_IFDIR: number;
  export const S_IFLNK: number; export const S_IFIFO: number; export const S_IFCHR: number;
  export const S_IFBLK: number; export const S_IFSOCK: number;
  export const SEEK_SET: number; export const SEEK_CUR: number; export const SEEK_END: number;
  /** The errno codes OsError.code names, for IoPacket.io_errno and the like. */
  export const EPERM: number; export const ENOENT: number; export const ESRCH: number;
  export const EINTR: number; export const EIO: number; export const ENXIO: number;
  export const E2BIG: number; export const EBADF: number; export const ECHILD: number;
  export const EAGAIN: number; export const ENOMEM: number; export const EACCES: number;
  export const EFAULT: number; export const EBUSY: number; export const EEXIST: number;
  export const EXDEV: number; export const ENODEV: number; export const ENOTDIR: number;
  export const EISDIR: number; export const EINVAL: number; export const ENFILE: number;
  export const EMFILE: number; export const ENOTTY: number; export const EFBIG: number;
  export const ENOSPC: number; export const ESPIPE: number; export const EROFS: number;
  export const EMLINK: number; export const EPIPE: number; export const ERANGE: number;
  export const ENAMETOOLONG: number; export const ENOTEMPTY: number; export const ELOOP: number;
  export const EOVERFLOW: number; export const ENOTSUP: number; export const ETXTBSY: number;
  export const EDQUOT: number; export const ENOSYS: number; export const ECANCELED: number;
}
