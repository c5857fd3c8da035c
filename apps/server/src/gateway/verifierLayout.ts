/** How a voucher travels to the verifier thread: struct (160 bytes), signature (65), the channel's known key (65). */
export const ITEM_BYTES = 160 + 65 + 65;
/** How a recovered or confirmed key comes back (65 zero bytes when the signature fails). */
export const KEY_BYTES = 65;
