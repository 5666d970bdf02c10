-- dw: the Kimball star (dimensions dim_*, facts fct_*); mart: analyst views (public API);
-- ops: what each run did; seed: reference CSVs from seeds/, replaced on every load.
create schema if not exists dw;
create schema if not exists mart;
create schema if not exists ops;
create schema if not exists seed;
