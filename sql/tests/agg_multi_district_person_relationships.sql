-- relationships and accepted values: every row of the shared-people aggregate is a roster fact,
-- and every person in it is on more than one district's roster. (That no shared person is missing
-- is checked by the functional tests; re-deriving it here would cost as much as building it.)
with shared as (
    select * from dw.agg_multi_district_person
),

facts as (
    select t.person_sk, d.district_code, t.snapshot_date_sk
    from dw.fct_talent_snapshot t
    join dw.dim_district d on d.district_sk = t.district_sk
    semi join shared s on s.person_sk = t.person_sk
),

final as (
    select 'not a roster fact' as problem, s.person_sk, s.district_code, s.snapshot_date_sk
    from shared s
    anti join facts f
        on f.person_sk = s.person_sk and f.district_code = s.district_code and f.snapshot_date_sk = s.snapshot_date_sk
    union all
    select 'on one district only', person_sk, min(district_code), min(snapshot_date_sk)
    from shared
    group by person_sk
    having min(district_code) = max(district_code)
)

select * from final;
