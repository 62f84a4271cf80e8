/*
 * pseudo.c - keyed pseudonyms for --pseudonymize: HMAC-SHA256 of the
 * record and field under a random key that never leaves the database, so
 * the same person gets the same pseudonym in every export and nobody
 * without the file can reverse it with a dictionary.
 */
#include <string.h>

#include <sodium.h>

#include "internal.h"

#define KEY_MAX 64

struct key {
	unsigned char bytes[KEY_MAX];
	int len;
};

static void
pseudonym_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const struct key *key = sqlite3_user_data(ctx);
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256_state state;
	char msg[96], out[32];
	int i, n;

	(void)argc;
	if (sqlite3_value_type(argv[2]) == SQLITE_NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	/* Of the record and field, not of the value: two people who share a
	 * name still get two pseudonyms. */
	n = snprintf(msg, sizeof msg, "%s:%lld",
	    (const char *)sqlite3_value_text(argv[0]),
	    (long long)sqlite3_value_int64(argv[1]));
	if (n < 0 || crypto_auth_hmacsha256_init(&state, key->bytes,
	    (size_t)key->len) != 0 || crypto_auth_hmacsha256_update(&state,
	    (const unsigned char *)msg, (size_t)n) != 0 ||
	    crypto_auth_hmacsha256_final(&state, mac) != 0) {
		sqlite3_result_error(ctx, "pseudonym failed", -1);
		return;
	}
	n = snprintf(out, sizeof out, "%c", msg[0] == 'n' ? 'N' :
	    msg[0] == 'p' ? 'P' : msg[0] == 'e' ? 'E' : 'X');
	for (i = 0; i < 6; i++)
		n += snprintf(out + n, sizeof out - n, "%02x", mac[i]);
	sqlite3_result_text(ctx, out, n, SQLITE_TRANSIENT);
}

int
ips_pseudo_register(ips *h)
{
	struct key *key;
	sqlite3_stmt *st;
	int rc;

	if (sodium_init() < 0)
		return ips_fail(h, IPS_EIO, "cannot start libsodium");
	if ((rc = ips_prepare(h, "SELECT value FROM meta WHERE key = "
	    "'pseudonym_key'", &st)) != 0)
		return rc;
	if ((key = sqlite3_malloc(sizeof *key)) == NULL) {
		sqlite3_finalize(st);
		return ips_nomem(h);
	}
	rc = sqlite3_step(st);
	key->len = rc == SQLITE_ROW ? sqlite3_column_bytes(st, 0) : 0;
	if (key->len > 0 && key->len <= KEY_MAX)
		memcpy(key->bytes, sqlite3_column_blob(st, 0), key->len);
	sqlite3_finalize(st);
	/* A busy file is no missing key: try again, do not run ips check. */
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		sqlite3_free(key);
		return ips_db_fail(h, rc);
	}
	if (key->len <= 0 || key->len > KEY_MAX) {
		sqlite3_free(key);
		return ips_fail(h, IPS_EDATA, "the database has no pseudonym "
		    "key: run 'ips check'");
	}
	/* The connection owns the key and frees it when it closes. */
	if (sqlite3_create_function_v2(h->db, "ips_pseudonym", 3,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC, key, pseudonym_fn, NULL, NULL,
	    sqlite3_free) != SQLITE_OK)
		return ips_nomem(h);
	return 0;
}
