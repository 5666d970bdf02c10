-- type 2: an enterprise's versions never overlap, exactly one is current, and every version but
-- the last ends the day before the next begins
with versions as (
    select
        uscc,
        valid_from,
        valid_to,
        is_current,
        lead(valid_from) over (partition by uscc order by valid_from) as next_from
    from dw.dim_enterprise
)

select uscc, valid_from, valid_to, next_from, is_current
from versions
where (next_from is not null and (valid_to is null or valid_to <> next_from - interval 1 day))
    or (next_from is null and (valid_to is not null or not is_current))
    or (next_from is not null and is_current);
