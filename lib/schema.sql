-- ips schema, version 1.  Documented for analysts in ips(7).
-- Dates are 'YYYY-MM-DD' text, times of day 'HH:MM', timestamps UTC
-- 'YYYY-MM-DDTHH:MM:SSZ'.  Yes/no fields are 0/1.  Lists (job_types) are
-- comma-separated text without spaces.  A column whose field name is an SQL
-- keyword carries a suffix: on -> held_on, where -> place, next -> next_on,
-- start -> start_on, end -> end_on, left -> left_on.

CREATE TABLE meta (
	key	TEXT PRIMARY KEY,
	value	BLOB
) WITHOUT ROWID;

CREATE TABLE specialist (
	id	INTEGER PRIMARY KEY,
	handle	TEXT NOT NULL UNIQUE,
	name	TEXT NOT NULL,
	team	TEXT,
	fte	REAL NOT NULL DEFAULT 1.0 CHECK (fte > 0 AND fte <= 2),
	left_on	TEXT
);

CREATE TABLE client (
	id		INTEGER PRIMARY KEY,
	name		TEXT,		-- NULL once erased
	specialist_id	INTEGER REFERENCES specialist(id),
	enrolled	TEXT NOT NULL,
	status		TEXT NOT NULL DEFAULT 'referred' CHECK (status IN
			('referred','active','working','paused','closed')),
	phone		TEXT,
	email		TEXT,
	area		TEXT,
	goal		TEXT,
	job_types	TEXT,
	hours_wanted	REAL,
	education	TEXT,
	experience	TEXT,
	interests	TEXT,
	disclosure	TEXT CHECK (disclosure IN ('yes','no','undecided')),
	benefits_planning TEXT,
	note		TEXT,
	erased		TEXT		-- date of erasure, else NULL
);
CREATE INDEX client_specialist ON client(specialist_id, status);
CREATE INDEX client_status_now ON client(status);

-- The dated history of a client's status; client.status is the latest.
CREATE TABLE client_status (
	id		INTEGER PRIMARY KEY,
	client_id	INTEGER NOT NULL REFERENCES client(id) ON DELETE CASCADE,
	status		TEXT NOT NULL CHECK (status IN
			('referred','active','working','paused','closed')),
	on_date		TEXT NOT NULL,
	reason		TEXT
);
-- A client's status on a day, the latest entry on or before it (of two on
-- one day, the later id), is read from this index alone: the reports ask
-- it of every client.
CREATE INDEX client_status_client ON client_status(client_id, on_date, id,
	status);

CREATE TABLE employer (
	id		INTEGER PRIMARY KEY,
	name		TEXT NOT NULL,
	business_id	TEXT UNIQUE,
	sector		TEXT CHECK (sector GLOB '[A-UX]' AND length(sector) = 1),
	industry	TEXT,
	size		INTEGER CHECK (size >= 0),
	area		TEXT,
	address		TEXT,
	website		TEXT,
	status		TEXT NOT NULL DEFAULT 'prospect' CHECK (status IN
			('prospect','contacted','engaged','partner','declined')),
	owner_id	INTEGER REFERENCES specialist(id),
	note		TEXT
);
CREATE INDEX employer_name ON employer(name);
CREATE INDEX employer_sector ON employer(sector);
CREATE INDEX employer_owner ON employer(owner_id);

CREATE TABLE contact (
	id		INTEGER PRIMARY KEY,
	employer_id	INTEGER NOT NULL REFERENCES employer(id),
	name		TEXT NOT NULL,
	role		TEXT,
	phone		TEXT,
	email		TEXT
);
CREATE INDEX contact_employer ON contact(employer_id);

CREATE TABLE opening (
	id		INTEGER PRIMARY KEY,
	employer_id	INTEGER NOT NULL REFERENCES employer(id),
	title		TEXT NOT NULL,
	job_type	TEXT,
	positions	INTEGER NOT NULL DEFAULT 1 CHECK (positions >= 1),
	hours		REAL CHECK (hours > 0),
	requirements	TEXT,
	hidden		INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0,1)),
	found_on	TEXT NOT NULL,
	found_by_id	INTEGER REFERENCES specialist(id),
	status		TEXT NOT NULL DEFAULT 'open' CHECK (status IN
			('open','filled','closed')),
	closed_on	TEXT,
	filled_by_id	INTEGER REFERENCES client(id),
	close_reason	TEXT
);
-- With the job type, so that the fidelity report's question (has this
-- employer an opening of one of the client's types?) reads no table row.
CREATE INDEX opening_employer ON opening(employer_id, job_type);
CREATE INDEX opening_found ON opening(found_on, found_by_id);
CREATE INDEX opening_status ON opening(status);

CREATE TABLE job (
	id		INTEGER PRIMARY KEY,
	client_id	INTEGER NOT NULL REFERENCES client(id),
	employer_id	INTEGER NOT NULL REFERENCES employer(id),
	opening_id	INTEGER REFERENCES opening(id),
	title		TEXT NOT NULL,
	job_type	TEXT,
	start_on	TEXT NOT NULL,
	end_on		TEXT,
	hours		REAL CHECK (hours > 0),
	wage		REAL CHECK (wage >= 0),
	competitive	INTEGER NOT NULL DEFAULT 1 CHECK (competitive IN (0,1)),
	end_reason	TEXT
);
CREATE INDEX job_client ON job(client_id, start_on);
CREATE INDEX job_employer ON job(employer_id, job_type);	-- as opening_employer
CREATE INDEX job_start ON job(start_on);
CREATE INDEX job_end ON job(end_on);

CREATE TABLE meeting (
	id		INTEGER PRIMARY KEY,
	specialist_id	INTEGER NOT NULL REFERENCES specialist(id),
	held_on		TEXT NOT NULL,
	at		TEXT,
	employer_id	INTEGER REFERENCES employer(id),
	client_id	INTEGER REFERENCES client(id),
	contact_id	INTEGER REFERENCES contact(id),
	how		TEXT NOT NULL DEFAULT 'in-person' CHECK (how IN
			('in-person','phone','video','email','message')),
	place		TEXT CHECK (place IN
			('office','community','workplace','home','remote')),
	minutes		INTEGER CHECK (minutes >= 0),
	purpose		TEXT CHECK (purpose IN
			('intro','needs','client','support','other')),
	outcome		TEXT CHECK (outcome IN
			('none','follow-up','opening','interview','hired','declined')),
	next_on		TEXT,
	note		TEXT,
	CHECK (employer_id IS NOT NULL OR client_id IS NOT NULL)
);
-- A period's meetings with every column the reports count (weekly,
-- fidelity, openings), so that a week or a quarter is read from this
-- index alone, never from the table.
CREATE INDEX meeting_held ON meeting(held_on, specialist_id, employer_id,
	client_id, how, place, minutes);
CREATE INDEX meeting_specialist ON meeting(specialist_id, held_on);
CREATE INDEX meeting_employer ON meeting(employer_id, held_on);
CREATE INDEX meeting_client ON meeting(client_id, held_on);
CREATE INDEX meeting_next ON meeting(next_on) WHERE next_on IS NOT NULL;
-- Employer contacts with a client of their own, a few in a hundred
-- meetings: the fidelity report's contacts on a client's behalf.
CREATE INDEX meeting_employer_client ON meeting(held_on, client_id,
	employer_id, specialist_id, how)
	WHERE employer_id IS NOT NULL AND client_id IS NOT NULL;
-- The same by employer: was an employer met before?  Most were, and this
-- shows it in one step of an index a fiftieth the size of meeting_employer.
CREATE INDEX meeting_employer_with_client ON meeting(employer_id, held_on)
	WHERE employer_id IS NOT NULL AND client_id IS NOT NULL;
-- Face-to-face employer contacts by day and specialist: the weekly
-- report's eight-week trend reads a third of a period's meetings.
CREATE INDEX meeting_f2f_held ON meeting(held_on, specialist_id)
	WHERE employer_id IS NOT NULL AND how = 'in-person';
-- Face-to-face employer contacts with a client: was a client met before?
CREATE INDEX meeting_f2f_client ON meeting(client_id, held_on)
	WHERE client_id IS NOT NULL AND employer_id IS NOT NULL
	AND how = 'in-person';

-- The clients on whose behalf a meeting was held.
CREATE TABLE meeting_for (
	meeting_id	INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
	client_id	INTEGER NOT NULL REFERENCES client(id),
	PRIMARY KEY (meeting_id, client_id)
) WITHOUT ROWID;
CREATE INDEX meeting_for_client ON meeting_for(client_id);

-- Every write: field names only, never values, so that an erased client
-- leaves nothing here.
CREATE TABLE audit (
	id		INTEGER PRIMARY KEY,
	at		TEXT NOT NULL,
	who		TEXT,
	tool		TEXT NOT NULL,
	action		TEXT NOT NULL,
	ref		TEXT,
	fields		TEXT
);
CREATE INDEX audit_at ON audit(at);
CREATE INDEX audit_ref ON audit(ref);

-- Views for analysts: references, handles and names instead of ids.
CREATE VIEW meeting_v AS
SELECT	'm' || m.id AS ref, s.handle AS specialist, m.held_on AS "on",
	m.at, 'e' || m.employer_id AS employer, e.name AS employer_name,
	'c' || m.client_id AS client, 'p' || m.contact_id AS contact,
	m.how, m.place AS "where", m.minutes, m.purpose,
	(SELECT group_concat('c' || f.client_id, ',') FROM meeting_for f
	  WHERE f.meeting_id = m.id) AS "for",
	m.outcome, m.next_on AS "next", m.note,
	m.employer_id IS NOT NULL AS with_employer,
	m.employer_id IS NOT NULL AND m.how = 'in-person' AS face_to_face,
	m.how = 'in-person' AND m.place IS NOT NULL AND m.place <> 'office'
	  AS in_community
FROM meeting m
JOIN specialist s ON s.id = m.specialist_id
LEFT JOIN employer e ON e.id = m.employer_id;

CREATE VIEW client_v AS
SELECT	'c' || c.id AS ref, c.name, s.handle AS specialist, c.enrolled,
	c.status, c.phone, c.email, c.area, c.goal, c.job_types,
	c.hours_wanted, c.education, c.experience, c.interests, c.disclosure,
	c.benefits_planning, c.note, c.erased
FROM client c
LEFT JOIN specialist s ON s.id = c.specialist_id;

CREATE VIEW employer_v AS
SELECT	'e' || e.id AS ref, e.name, e.business_id, e.sector, e.industry,
	e.size, e.area, e.address, e.website, e.status, s.handle AS owner,
	e.note,
	(SELECT max(m.held_on) FROM meeting m WHERE m.employer_id = e.id)
	  AS last_met
FROM employer e
LEFT JOIN specialist s ON s.id = e.owner_id;

CREATE VIEW job_v AS
SELECT	'j' || j.id AS ref, 'c' || j.client_id AS client,
	'e' || j.employer_id AS employer, e.name AS employer_name,
	'o' || j.opening_id AS opening, j.title, j.job_type,
	j.start_on AS start, j.end_on AS "end", j.hours, j.wage,
	j.competitive, j.end_reason,
	julianday(coalesce(j.end_on, date('now'))) - julianday(j.start_on)
	  AS tenure_days
FROM job j
JOIN employer e ON e.id = j.employer_id;
