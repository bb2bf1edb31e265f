export { startFakeBelvo, DEFAULT_FAKE_LINKS } from "./fake-belvo.js";
export type { FakeBelvo, FakeBelvoOptions, FakeFault, RecordedExchange } from "./fake-belvo.js";
export type { FakeLinkSeed } from "./fake-state.js";
export { OWNER_SHAPES, type OwnerShape } from "./fixtures.js";
