// TCP ports for the servers the tests start, and whether a process really
// listens on one.
//
// A port from bind(0) is only free until it is closed again: the real-daemon
// suites run side by side, and about one run in ten two of them were given
// the same port before either daemon bound it. The loser's director could
// not bind, and its bconsole talked to the other suite's director ("Failed
// to connect to Director"). So the ports come from below the kernel's
// ephemeral range, which neither bind(0) nor outgoing connections use, and
// each is reserved by a file only one process can create, kept while that
// process lives.
import * as fs from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const reservations = join(tmpdir(), "bareos-qjs-test-ports");
const owned = new Set();
process.on("exit", () => {
  for (const file of owned) fs.rmSync(file, { force: true });
});

function ephemeralLow() {
  try {
    return Number(fs.readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/)[0]);
  } catch {
    return 32768;
  }
}
const RANGE = 8192;
const high = Math.max(ephemeralLow(), 1024 + RANGE);
const low = high - RANGE;

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === "EPERM";
  }
}

/** Creates the port's reservation file; false when a live process holds it. */
function reserve(port) {
  const file = join(reservations, String(port));
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: "wx" });
      owned.add(file);
      return true;
    } catch (e) {
      if (e.code !== "EEXIST") throw e;
      const holder = Number(fs.readFileSync(file, "utf8"));
      if (holder && alive(holder)) return false;
      // Left by a run that was killed: whoever removes it first may take it.
      try {
        fs.unlinkSync(file);
      } catch (e2) {
        if (e2.code !== "ENOENT") return false;
      }
    }
  }
  return false;
}

function release(port) {
  const file = join(reservations, String(port));
  if (owned.delete(file)) fs.rmSync(file, { force: true });
}

const bindable = (port) => new Promise((resolve) => {
  const server = createServer();
  server.once("error", () => resolve(false));
  server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
});

/** A TCP port on 127.0.0.1 nobody listens on, kept from the other tests while this process lives. */
export async function freePort() {
  // Shared by every user's test runs, like /tmp itself.
  if (fs.mkdirSync(reservations, { recursive: true })) fs.chmodSync(reservations, 0o1777);
  const start = Math.floor(Math.random() * RANGE);
  for (let i = 0; i < RANGE; i++) {
    const port = low + ((start + i) % RANGE);
    if (!reserve(port)) continue;
    if (await bindable(port)) return port;
    release(port);
  }
  throw new Error(`no free port between ${low} and ${high - 1}`);
}

/** The listening socket on 127.0.0.1:port (or any address) is one of pid's descriptors. */
export function listensOn(pid, port) {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  const inodes = new Set();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text;
    try {
      text = fs.readFileSync(table, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const f = line.trim().split(/\s+/);
      // local_address is ADDR:PORT in hex; state 0A is LISTEN.
      if (f.length > 9 && f[1].endsWith(`:${hexPort}`) && f[3] === "0A") inodes.add(f[9]);
    }
  }
  if (inodes.size === 0) return false;
  let fds;
  try {
    fds = fs.readdirSync(`/proc/${pid}/fd`);
  } catch {
    return false;
  }
  return fds.some((fd) => {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
      return m !== null && inodes.has(m[1]);
    } catch {
      return false;
    }
  });
}
