// Host imports of the Chain contract ABI v1 (docs/contracts.md). Module "env"; pointers and
// lengths are i32, u64 values are i64. Contracts normally use the typed wrappers in the other
// SDK files; these declarations are exported for the rare contract that needs the raw call.

@external("env", "input_len")
export declare function input_len(): i32;

@external("env", "input_read")
export declare function input_read(ptr: usize): void;

@external("env", "storage_read")
export declare function storage_read(keyPtr: usize, keyLen: i32, outPtr: usize, outCap: i32): i32;

@external("env", "storage_write")
export declare function storage_write(keyPtr: usize, keyLen: i32, valPtr: usize, valLen: i32): void;

@external("env", "storage_remove")
export declare function storage_remove(keyPtr: usize, keyLen: i32): i32;

@external("env", "caller")
export declare function caller(outPtr: usize): void;

@external("env", "self_address")
export declare function self_address(outPtr: usize): void;

@external("env", "value")
export declare function value(): u64;

@external("env", "balance")
export declare function balance(): u64;

@external("env", "block_height")
export declare function block_height(): u64;

@external("env", "block_time")
export declare function block_time(): u64;

@external("env", "transfer")
export declare function transfer(toPtr: usize, amount: u64): i32;

@external("env", "call")
export declare function call(addrPtr: usize, methodPtr: usize, methodLen: i32, argsPtr: usize, argsLen: i32, value: u64, gas: u64): i32;

@external("env", "call_async")
export declare function call_async(addrPtr: usize, methodPtr: usize, methodLen: i32, argsPtr: usize, argsLen: i32, value: u64, gas: u64, callbackPtr: usize, callbackLen: i32, callbackGas: u64): i32;

@external("env", "return_data_len")
export declare function return_data_len(): i32;

@external("env", "return_data_read")
export declare function return_data_read(ptr: usize): void;

@external("env", "emit_event")
export declare function emit_event(topicPtr: usize, topicLen: i32, dataPtr: usize, dataLen: i32): void;

@external("env", "set_return")
export declare function set_return(ptr: usize, len: i32): void;

@external("env", "revert")
export declare function revert(msgPtr: usize, msgLen: i32): void;

@external("env", "gas_left")
export declare function gas_left(): u64;

@external("env", "address_parse")
export declare function address_parse(textPtr: usize, textLen: i32, outPtr: usize): i32;

@external("env", "address_format")
export declare function address_format(addrPtr: usize, outPtr: usize): i32;
