// The Chain contract SDK for AssemblyScript (host ABI v1, docs/contracts.md). Import it as
//   import { Args, Key, Storage, JsonWriter, caller, emit, returnJson, revert } from "../../sdk";
// See contracts/README.md for the API and the rules (explicit reverts, no assert, no floats).

export * from "./revert";
export * from "./bytes";
export * from "./context";
export * from "./json";
export * from "./args";
export * from "./storage";
export * from "./output";
export * from "./call";
