// Names that are not UTF-8 on every way into a script: an option value, a
// list file's lines, a program's arguments, environment and output, and
// messages. Reports one "probe {json}" message (JSON escapes the lone
// surrogates that stand for such bytes) and one message with the value
// itself, then backs up nothing.
//   value=<bytes>  a name, passed on to everything below
//   list=<path>    a file of names, one per line
//   dir=<path>     a directory for the probes' files
import * as fd from "bareosfd";
import * as os from "bareos:os";
import * as qos from "qjs:os";

const options = {};
function parse(def) {
  for (const item of def.split(":")) {
    const eq = item.indexOf("=");
    if (eq > 0) options[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return fd.bRC_OK;
}

function run(argv, env) {
  const pid = os.exec(argv, { env });
  const [, status] = qos.waitpid(pid, 0);
  return status;
}

const errorCode = (fn) => {
  try {
    fn();
    return null;
  } catch (e) {
    return `${e.code}: ${e.message}`;
  }
};

function probe() {
  const { value, list, dir } = options;
  const out = `${dir}/out-${value}`;
  const results = { value };
  results.lines = os.readFile(list).split("\n").filter(Boolean);
  results.linesExist = results.lines.map((name) => errorCode(() => os.lstat(name)) ?? "ok");
  results.argvStatus = run(["/bin/sh", "-c", 'printf %s "$1" > "$2"', "sh", value, out]);
  results.argvBack = os.readFile(out);
  results.envStatus = run(["/bin/sh", "-c", 'printf %s "$V" > "$OUT"'], { V: value, OUT: `${out}-env`, PATH: "/usr/bin:/bin" });
  results.envBack = os.readFile(`${out}-env`);
  results.encoded = Array.from(os.encode(value), (b) => b.toString(16).padStart(2, "0")).join("");
  results.decodedBack = os.decode(os.encode(value)) === value;
  results.path = typeof os.getenv("PATH");
  results.environHasPath = "PATH" in os.environ();
  results.missing = errorCode(() => os.exec(["/nonexistent/program"]));
  results.readDirectory = errorCode(() => os.readFile(dir));
  qos.exec(["mkfifo", `${dir}/fifo`]);
  results.readFifo = errorCode(() => os.readFile(`${dir}/fifo`));
  // /proc files say size 0: read to their end all the same.
  results.procArgv0 = os.readFile("/proc/self/cmdline").split("\0")[0].replace(/^.*\//, "");
  fd.JobMessage(fd.M_INFO, `probe ${JSON.stringify(results)}\n`);
  fd.JobMessage(fd.M_INFO, `probe raw ${value}\n`);
}

export const load_bareos_plugin = parse;
export const parse_plugin_definition = parse;
export const handle_plugin_event = () => fd.bRC_OK;
export function start_backup_file() {
  probe();
  return fd.bRC_Stop;
}
export const end_backup_file = () => fd.bRC_OK;
export const plugin_io = () => fd.bRC_OK;
export const start_restore_file = () => fd.bRC_OK;
export const end_restore_file = () => fd.bRC_OK;
export const create_file = () => fd.bRC_OK;
export const set_file_attributes = () => fd.bRC_OK;
export const check_file = () => fd.bRC_OK;
