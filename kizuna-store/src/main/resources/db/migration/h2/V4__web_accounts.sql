-- Browser users of the web COP (kizuna user add). The password is an Argon2id PHC string;
-- groups are ',A,B,' text like everywhere else (see GroupNames). V3 is taken by labels.
CREATE TABLE web_account (
    name          CHARACTER VARYING(64) PRIMARY KEY,
    password_hash CHARACTER VARYING(256) NOT NULL,
    role          CHARACTER VARYING(16) NOT NULL,
    groups_both   CHARACTER VARYING NOT NULL,
    created_at    TIMESTAMP(3) WITH TIME ZONE NOT NULL
);
