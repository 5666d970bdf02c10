-- loaded counts of this run equal the fact rows it wrote
with loaded as (
    select run_id, source, sum(loaded) as loaded from ops.source_counts
    where run_id = (select max(run_id) from ops.runs) group by all
),

facts as (
    select run_id, 'roster' as source, count(*) as n from dw.fct_talent_snapshot group by all
    union all
    select run_id, 'platform', count(*) from dw.fct_platform_snapshot group by all
    union all
    select run_id, 'enterprise', count(*) from dw.fct_enterprise_qualification group by all
    union all
    select run_id, 'program', count(*) from dw.fct_talent_programme group by all
)

select l.run_id, l.source, l.loaded, f.n as fact_rows
from loaded l
left join facts f using (run_id, source)
where l.loaded <> coalesce(f.n, 0);
