import * as fd from "bareosfd";
// @ts-ignore: the type checker is not what this fixture is about
import { readFileSync } from "node:fs";

export function load_bareos_plugin(_plugindef: string): fd.bRC {
  readFileSync("/etc/hostname");
  return fd.bRC_OK;
}
export function parse_plugin_definition(_plugindef: string): fd.bRC {
  return fd.bRC_OK;
}
