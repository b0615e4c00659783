// Where PostgreSQL's client programs are, for this plugin and bareos-fd-pgdump.
import * as os from "bareos:os";
import { findExecutable } from "bareos-qjs";

/**
 * The directory of PostgreSQL's programs: pg_bin_dir when given, else the one
 * `probe` is found in on PATH, else the newest /usr/lib/postgresql/<version>/bin
 * that has it (Debian installs every version there, none on PATH but psql's
 * wrapper).
 */
export function postgresBinDir(configured: string | undefined, probe: string): string {
  if (configured) return configured;
  const onPath = findExecutable(probe);
  if (onPath) return onPath.slice(0, onPath.lastIndexOf("/"));
  let versions: string[] = [];
  try {
    versions = os.readdir("/usr/lib/postgresql");
  } catch {
    // not installed there
  }
  const newest = versions.filter((v) => findExecutable(`/usr/lib/postgresql/${v}/bin/${probe}`))
    .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a))[0];
  if (!newest) throw new Error(`${probe} not found on PATH nor in /usr/lib/postgresql/*/bin; set pg_bin_dir`);
  return `/usr/lib/postgresql/${newest}/bin`;
}
