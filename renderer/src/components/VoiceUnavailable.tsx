/**
 * What the talk panel says when the kiosk cannot hear (no microphone, or it stopped delivering audio):
 * plainly that voice is off and what works instead — not a greyed-out button under "Say …".
 */
export function VoiceUnavailable() {
  return (
    <div className="voice-off" data-testid="voice-unavailable">
      <h2 id="talk-heading" className="wake-phrase">
        Voice is not available right now
      </h2>
      <p className="voice-off-text">Type your question below, or tap one of the questions people often ask.</p>
    </div>
  );
}
