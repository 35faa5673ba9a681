import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { makeDirectory } from '../persistence/make-directory';
import path from 'node:path';
import { StartupError } from '../startup-error';

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

	/**
	 * Reads DATA_DIR/instance.key, creating it (mode 0600) on first start. `sealed`, a token the
	 * database beside it holds, must open with it: a database restored without its key, or with
	 * another server's, would show every facilitator an error instead of their links.
	 */
	static fromDataDir(dataDir: string, sealed: string | null = null): SecretBox {
		const file = path.join(dataDir, 'instance.key');
		const restore =
			'Restore the instance.key that was backed up together with fokusrunde.sqlite ' +
			'(the two belong together; see README, "Configuration").';
		let key: Buffer | null = null;
		try {
			key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url');
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
				throw new StartupError(`DATA_DIR=${dataDir}: ${file} cannot be read (${String(error)}).`, {
					cause: error
				});
		}
		if (key === null) {
			if (sealed !== null)
				throw new StartupError(
					`DATA_DIR=${dataDir}: ${file} is missing, but the database beside it holds sessions ` +
						`whose links that key sealed. ${restore}`
				);
			makeDirectory(dataDir, 0o700);
			key = randomBytes(32);
			writeFileSync(file, key.toString('base64url') + '\n', { mode: 0o600, flag: 'wx' });
		}
		if (key.length !== 32)
			throw new StartupError(`DATA_DIR=${dataDir}: ${file} holds no key of 32 bytes. ${restore}`);
		const box = SecretBox.fromKey(key);
		if (sealed !== null && !box.opens(sealed))
			throw new StartupError(
				`DATA_DIR=${dataDir}: ${file} is not the key that sealed the links in the database ` +
					`beside it (it belongs to another server or backup). ${restore}`
			);
		return box;
	}

	private opens(sealed: string): boolean {
		try {
			this.open(sealed);
			return true;
		} catch {
			return false;
		}
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
