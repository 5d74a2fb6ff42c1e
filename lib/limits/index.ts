export { consume, flushRateLimits, resetRateLimitMemory, FLUSH_MS, type RateRule, type RateVerdict } from "./rate-limit";
export { checkToolCallRate, toolCallRules, TOOL_CALL_WINDOW_MS } from "./tool-calls";
export { counterStore, databaseStore, redisStore, redis, closeRedis, type CounterStore } from "./store";
