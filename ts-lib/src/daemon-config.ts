// The configuration directory of the storage daemon or director running the
// plugin, for relative defaults_file/overrides_file names. Their core has no
// variable for it (the file daemon's bVarUsedConfig), so it is read from the
// daemon's own "-c"/"--config" argument.
import * as os from "bareos:os";

/** Where a daemon started without -c looks. */
const defaultConfigDir = "/etc/bareos";

function configArgument(argv: readonly string[]): string | undefined {
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "-c" || arg === "--config") return argv[i + 1];
    if (arg.startsWith("--config=")) return arg.slice("--config=".length);
    if (/^-c./.test(arg)) return arg.slice(2);
  }
  return undefined;
}

/** The directory of the daemon's -c argument: the directory itself, or the one holding the file. */
export function configDirFromArguments(argv: readonly string[]): string {
  const config = configArgument(argv);
  if (!config) return defaultConfigDir;
  try {
    if ((os.stat(config).st_mode & os.S_IFMT) === os.S_IFDIR) return config;
  } catch {
    // a file that is gone: its directory is still the best guess
  }
  const slash = config.lastIndexOf("/");
  return slash < 0 ? "." : config.slice(0, slash + 1);
}

export function daemonConfigDir(): string {
  let argv: string[] = [];
  try {
    argv = os.readFile("/proc/self/cmdline").split("\0");
  } catch {
    // no /proc: the default
  }
  return configDirFromArguments(argv);
}

/** The storage daemon's and director's definitions: each replaces the last,
 * as in Python, and reads its files from the daemon's configuration. */
export function replacingDefinition(plugin: { readonly options: object }) {
  return { replaced: Object.keys(plugin.options), rules: { configDir: daemonConfigDir(), lastWins: true } };
}
