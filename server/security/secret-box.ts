import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Authenticated encryption (AES-256-GCM) with the instance key, for secrets the
 * server must show again but should not keep readable in the database: the join
 * token, which the facilitator's view displays as the participant link.
 */
export class SecretBox {
	private constructor(private readonly key: Buffer) {}

	static fromKey(key: Buffer): SecretBox {
		if (key.length !== 32) throw new Error('the instance key must be 32 bytes');
		return new SecretBox(key);
	}

	/** Reads DATA_DIR/instance.key, creating it (mode 0600) on first start. */
	static fromDataDir(dataDir: string): SecretBox {
		const file = path.join(dataDir, 'instance.key');
		try {
			return SecretBox.fromKey(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url'));
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
		}
		mkdirSync(dataDir, { recursive: true });
		const key = randomBytes(32);
		writeFileSync(file, key.toString('base64url') + '\n', { mode: 0o600, flag: 'wx' });
		return SecretBox.fromKey(key);
	}

	static ephemeral(): SecretBox {
		return new SecretBox(randomBytes(32));
	}

	seal(plain: string): string {
		const iv = randomBytes(12);
		const cipher = createCipheriv('aes-256-gcm', this.key, iv);
		const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
		return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
	}

	open(sealed: string): string {
		const raw = Buffer.from(sealed, 'base64url');
		const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
		decipher.setAuthTag(raw.subarray(12, 28));
		return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
	}
}
