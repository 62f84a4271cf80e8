/*
 * fields.c - the fields of every kind of record: names, types, columns
 * and limits.  Options, lists, exports, imports and checks all come from
 * these tables; SPEC section 3 is the source.
 */
#include <stddef.h>

#include "internal.h"

static const char *const client_status[] = { "referred", "active",
	"working", "paused", "closed", NULL };
static const char *const disclosure[] = { "yes", "no", "undecided", NULL };
static const char *const employer_status[] = { "prospect", "contacted",
	"engaged", "partner", "declined", NULL };
static const char *const opening_status[] = { "open", "filled", "closed",
	NULL };
static const char *const how[] = { "in-person", "phone", "video", "email",
	"message", NULL };
static const char *const where[] = { "office", "community", "workplace",
	"home", "remote", NULL };
static const char *const purpose[] = { "intro", "needs", "client",
	"support", "other", NULL };
static const char *const outcome[] = { "none", "follow-up", "opening",
	"interview", "hired", "declined", NULL };

#define REQ IPS_F_REQUIRED
#define PERS IPS_F_PERSONAL
#define NOSET IPS_F_NOSET
#define NOADD IPS_F_NOADD
#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

static const struct ips_field client_fields[] = {
	/* Required, but an erased client has none: client.c checks. */
	{ "name", IPS_F_TEXT, "name", PERS },
	{ "specialist", IPS_F_STAFF, "specialist_id", 0 },
	{ "enrolled", IPS_F_DATE, "enrolled", 0 },
	{ "status", IPS_F_ENUM, "status", NOSET, client_status },
	{ "phone", IPS_F_TEXT, "phone", PERS },
	{ "email", IPS_F_TEXT, "email", PERS },
	{ "area", IPS_F_TEXT, "area", 0 },
	{ "goal", IPS_F_NOTE, "goal", PERS },
	{ "job_types", IPS_F_LIST, "job_types", 0 },
	{ "hours_wanted", IPS_F_REAL, "hours_wanted", 0, NULL, 0, 1, 80 },
	{ "education", IPS_F_NOTE, "education", PERS },
	{ "experience", IPS_F_NOTE, "experience", PERS },
	{ "interests", IPS_F_NOTE, "interests", PERS },
	{ "disclosure", IPS_F_ENUM, "disclosure", 0, disclosure },
	{ "benefits_planning", IPS_F_DATE, "benefits_planning", 0 },
	{ "note", IPS_F_NOTE, "note", PERS },
	{ "erased", IPS_F_DATE, "erased", NOSET | NOADD },
};

static const struct ips_field employer_fields[] = {
	{ "name", IPS_F_TEXT, "name", REQ },
	{ "business_id", IPS_F_BUSINESS_ID, "business_id", 0 },
	{ "sector", IPS_F_SECTOR, "sector", 0 },
	{ "industry", IPS_F_TEXT, "industry", 0 },
	{ "size", IPS_F_INT, "size", 0, NULL, 0, 0, 10000000 },
	{ "area", IPS_F_TEXT, "area", 0 },
	{ "address", IPS_F_TEXT, "address", 0 },
	{ "website", IPS_F_TEXT, "website", 0 },
	{ "status", IPS_F_ENUM, "status", 0, employer_status },
	{ "owner", IPS_F_STAFF, "owner_id", 0 },
	{ "note", IPS_F_NOTE, "note", 0 },
};

static const struct ips_field contact_fields[] = {
	{ "employer", IPS_F_REF, "employer_id", REQ, NULL, IPS_REF_EMPLOYER },
	{ "name", IPS_F_TEXT, "name", REQ },
	{ "role", IPS_F_TEXT, "role", 0 },
	{ "phone", IPS_F_TEXT, "phone", 0 },
	{ "email", IPS_F_TEXT, "email", 0 },
};

static const struct ips_field opening_fields[] = {
	{ "employer", IPS_F_REF, "employer_id", REQ, NULL, IPS_REF_EMPLOYER },
	{ "title", IPS_F_TEXT, "title", REQ },
	{ "job_type", IPS_F_TEXT, "job_type", 0 },
	{ "positions", IPS_F_INT, "positions", 0, NULL, 0, 1, 10000 },
	{ "hours", IPS_F_REAL, "hours", 0, NULL, 0, 0.5, 80 },
	{ "requirements", IPS_F_NOTE, "requirements", 0 },
	{ "hidden", IPS_F_BOOL, "hidden", 0 },
	{ "found", IPS_F_DATE, "found_on", 0 },
	{ "found_by", IPS_F_STAFF, "found_by_id", 0 },
	{ "status", IPS_F_ENUM, "status", NOSET, opening_status },
	{ "closed", IPS_F_DATE, "closed_on", NOSET | NOADD },
	{ "filled_by", IPS_F_REF, "filled_by_id", NOSET | NOADD, NULL,
	    IPS_REF_CLIENT },
	{ "close_reason", IPS_F_TEXT, "close_reason", NOSET | NOADD },
};

static const struct ips_field job_fields[] = {
	{ "client", IPS_F_REF, "client_id", REQ, NULL, IPS_REF_CLIENT },
	{ "employer", IPS_F_REF, "employer_id", REQ, NULL, IPS_REF_EMPLOYER },
	{ "opening", IPS_F_REF, "opening_id", 0, NULL, IPS_REF_OPENING },
	{ "title", IPS_F_TEXT, "title", REQ },
	{ "job_type", IPS_F_TEXT, "job_type", 0 },
	{ "start", IPS_F_DATE, "start_on", REQ },
	{ "end", IPS_F_DATE, "end_on", NOSET | NOADD },
	{ "hours", IPS_F_REAL, "hours", 0, NULL, 0, 0.5, 80 },
	{ "wage", IPS_F_REAL, "wage", 0, NULL, 0, 0, 1000 },
	{ "competitive", IPS_F_BOOL, "competitive", 0 },
	{ "end_reason", IPS_F_TEXT, "end_reason", NOSET | NOADD },
};

static const struct ips_field meeting_fields[] = {
	{ "specialist", IPS_F_STAFF, "specialist_id", 0 },
	{ "on", IPS_F_DATE, "held_on", 0 },
	{ "at", IPS_F_TIME, "at", 0 },
	{ "employer", IPS_F_REF, "employer_id", 0, NULL, IPS_REF_EMPLOYER },
	{ "client", IPS_F_REF, "client_id", 0, NULL, IPS_REF_CLIENT },
	{ "contact", IPS_F_REF, "contact_id", 0, NULL, IPS_REF_CONTACT },
	{ "how", IPS_F_ENUM, "how", 0, how },
	{ "where", IPS_F_ENUM, "place", 0, where },
	{ "minutes", IPS_F_INT, "minutes", 0, NULL, 0, 0, 1440 },
	{ "purpose", IPS_F_ENUM, "purpose", 0, purpose },
	{ "for", IPS_F_REFS, NULL, 0, NULL, IPS_REF_CLIENT, 0, 0,
	    "(SELECT group_concat('c' || f.client_id, ',') FROM meeting_for f "
	    "WHERE f.meeting_id = t.id)" },
	{ "outcome", IPS_F_ENUM, "outcome", 0, outcome },
	{ "next", IPS_F_DATE, "next_on", 0 },
	{ "note", IPS_F_NOTE, "note", PERS },
};

const struct ips_kind ips_kind_client = { "client", "client",
	IPS_REF_CLIENT, client_fields, N(client_fields) };
const struct ips_kind ips_kind_employer = { "employer", "employer",
	IPS_REF_EMPLOYER, employer_fields, N(employer_fields) };
const struct ips_kind ips_kind_contact = { "contact", "contact",
	IPS_REF_CONTACT, contact_fields, N(contact_fields) };
const struct ips_kind ips_kind_opening = { "opening", "opening",
	IPS_REF_OPENING, opening_fields, N(opening_fields) };
const struct ips_kind ips_kind_job = { "job", "job", IPS_REF_JOB,
	job_fields, N(job_fields) };
const struct ips_kind ips_kind_meeting = { "meeting", "meeting",
	IPS_REF_MEETING, meeting_fields, N(meeting_fields) };
