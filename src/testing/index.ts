export { startFakeBelvo, type FakeBelvoServer, type StartFakeBelvoOptions } from "./fake-belvo.js";
export { CONTROL_PREFIX, CONTROL_ROUTES } from "./fake-control.js";
export { runFakeServer } from "./fake-server.js";
export { createFakeBelvo, type FakeBelvoFetch } from "./fake-fetch.js";
export { DEFAULT_FAKE_LINKS } from "./fake-core.js";
export type { FakeAnswer, FakeBelvoOptions, FakeCore, FakeFault, RecordedExchange } from "./fake-core.js";
export type { FakeLinkSeed } from "./fake-state.js";
export { OWNER_SHAPES, type OwnerShape } from "./fixtures.js";
