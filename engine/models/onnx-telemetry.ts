/**
 * Turns off the telemetry onnxruntime-node's Linux build carries (Microsoft's 1DS SDK): left on, every
 * process that opens a model writes `.ses` and `mat-debug-<pid>.log` into the temp folder and tries
 * HTTPS uploads — an offline kiosk sends nothing and leaves nothing behind. It is read when the first
 * session creates the ORT environment, so calling this before any session is created is enough.
 */
export function disableOnnxTelemetry(): void {
  process.env.ORT_DISABLE_TELEMETRY ??= '1';
}
