/** Plain words for a shopper who finds the microphone busy with a staff meeting. */
export function VoicePausedNotice() {
  return (
    <p className="notice notice-warn voice-paused" role="status" data-testid="voice-paused">
      Voice questions are paused while staff record a meeting. Please type your question or tap one below — I
      will answer on screen.
    </p>
  );
}
