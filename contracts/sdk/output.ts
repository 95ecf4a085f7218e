import * as env from "./env";
import { revert } from "./revert";
import { JsonWriter } from "./json";
import { utf8 } from "./bytes";

/** Largest return data the host accepts, in bytes. */
export const MAX_RETURN_BYTES: i32 = 64 * 1024;
/** Longest event topic, in bytes. */
export const MAX_TOPIC_BYTES: i32 = 64;
/** Largest event data, in bytes. */
export const MAX_EVENT_DATA_BYTES: i32 = 16 * 1024;

/** Sets this frame's return data to raw bytes. */
export function returnBytes(b: Uint8Array): void {
  if (b.length > MAX_RETURN_BYTES) revert("return data larger than 64 KiB");
  env.set_return(b.dataStart, b.length);
}

/** Sets this frame's return data to the JSON text the writer built. */
export function returnJson(w: JsonWriter): void {
  returnBytes(utf8(w.toString()));
}

/** Emits an event with a topic (e.g. "transfer") and JSON data; it lands in the receipt only if the frame commits. */
export function emit(topic: string, data: JsonWriter): void {
  const t = utf8(topic);
  const d = utf8(data.toString());
  if (t.length == 0 || t.length > MAX_TOPIC_BYTES) revert("event topic must be 1 to 64 bytes");
  if (d.length > MAX_EVENT_DATA_BYTES) revert("event data larger than 16 KiB");
  env.emit_event(t.dataStart, t.length, d.dataStart, d.length);
}
