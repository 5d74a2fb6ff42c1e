export { annotateRequest, currentRequest, requestIdFrom, requestStore, type RequestContext } from "./context";
export { log, logger, type LogLevel } from "./logger";
export { withRequestLog, accessLogFields } from "./access-log";
export { onShutdown, runShutdownHooks } from "./shutdown";
