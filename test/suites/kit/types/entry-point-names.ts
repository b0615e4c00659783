// The entry-point interfaces, written by hand for their signatures, name
// exactly the entry points of the C tables (FdEntryPointName, ..., printed
// into bareos-tables.d.ts by make): a renamed, added or dropped entry point
// on either side fails here.
import type * as fd from "bareosfd";
import type * as sd from "bareossd";
import type * as dir from "bareosdir";

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export const fdNames: Same<keyof fd.FdEntryPoints, fd.FdEntryPointName> = true;
export const sdNames: Same<keyof sd.SdEntryPoints, sd.SdEntryPointName> = true;
export const dirNames: Same<keyof dir.DirEntryPoints, dir.DirEntryPointName> = true;
