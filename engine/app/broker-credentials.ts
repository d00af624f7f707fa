import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { chmodSync, writeFileSync } from 'node:fs';

/** One MQTT login. The password exists only in memory and, hashed, in the broker's password file. */
export interface MqttLogin {
  username: string;
  password: string;
}

/** The two accounts the embedded broker knows: this kiosk's offload client and its embedded summarizer. */
export interface EmbeddedBrokerLogins {
  device: MqttLogin;
  summarizer: MqttLogin;
}

// Mosquitto 2.0's own password-file format ($7$ = PBKDF2-HMAC-SHA512; mosquitto_passwd's defaults).
const ITERATIONS = 101;
const SALT_BYTES = 12;

/**
 * Fresh random accounts for one start of the kiosk. Made per start (never stored in config) so
 * nothing on disk or in a log outlives the process that uses them; anonymous clients are refused.
 */
export function newBrokerLogins(): EmbeddedBrokerLogins {
  const login = (role: string): MqttLogin => ({
    username: `${role}-${randomBytes(6).toString('hex')}`,
    password: randomBytes(24).toString('base64url'),
  });
  return { device: login('kiosk'), summarizer: login('summarizer') };
}

/** One password-file line as `mosquitto_passwd` writes it, hashed here so no password reaches a command line. */
export function mosquittoPasswordLine(login: MqttLogin): string {
  const salt = randomBytes(SALT_BYTES);
  const hash = pbkdf2Sync(login.password, salt, ITERATIONS, 64, 'sha512');
  return `${login.username}:$7$${ITERATIONS}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/**
 * Writes the password file and ACL for one device's embedded broker, both 0600. The ACL keeps even
 * our own two accounts in their lanes: the kiosk sends only its requests and reads only its results.
 */
export function writeBrokerAuthFiles(
  files: { passwordFile: string; aclFile: string },
  logins: EmbeddedBrokerLogins,
  deviceId: string,
): void {
  const secret = (file: string, text: string) => {
    writeFileSync(file, text, { mode: 0o600 });
    chmodSync(file, 0o600); // mode only applies when the file is created
  };
  secret(
    files.passwordFile,
    `${mosquittoPasswordLine(logins.device)}\n${mosquittoPasswordLine(logins.summarizer)}\n`,
  );
  secret(
    files.aclFile,
    [
      `user ${logins.device.username}`,
      `topic write kiosk/v1/${deviceId}/req`,
      `topic read kiosk/v1/${deviceId}/res`,
      '',
      `user ${logins.summarizer.username}`,
      `topic read kiosk/v1/${deviceId}/req`,
      `topic write kiosk/v1/${deviceId}/res`,
      '',
    ].join('\n'),
  );
}
