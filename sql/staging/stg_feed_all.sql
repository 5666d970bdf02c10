-- grain: one row per district snapshot the run planned, whatever became of it (status staged,
-- failed or skipped, with the run's message): the run's feeds file (staged_feeds_files).
create or replace temp table stg_feed_all as
select *
from read_csv(
    getvariable('staged_feeds_files'),
    header = true, quote = '"', escape = '"',
    columns = {'district_code': 'VARCHAR', 'snapshot_date': 'DATE', 'status': 'VARCHAR', 'message': 'VARCHAR'}
);
