-- Enterprises from the enterprise feeds, then employers and platform hosts known only by code.
-- A name sent again replaces the old one (type 1 for now).
create or replace temp table enterprise_names as
select
    uscc,
    max(enterprise_name) as enterprise_name,
    max(cast(registered_capital as decimal(18, 2))) as registered_capital_yuan
from enterprise_ranked
where copy_no = 1
group by uscc;

update dw.dim_enterprise d set
    enterprise_name = s.enterprise_name,
    registered_capital_yuan = coalesce(s.registered_capital_yuan, d.registered_capital_yuan)
from enterprise_names s
where d.uscc = s.uscc;

insert into dw.dim_enterprise (enterprise_sk, uscc, enterprise_name, registration_area_code, registered_capital_yuan)
select nextval('dw.seq_enterprise_sk'), s.uscc, s.enterprise_name, substr(s.uscc, 3, 6), s.registered_capital_yuan
from (
    select uscc, enterprise_name, registered_capital_yuan from enterprise_names
    union all
    select distinct employer_uscc, '(未知名称)', null from roster_ranked
    where employer_uscc is not null and employer_uscc not in (select uscc from enterprise_names)
    union all
    select distinct host_uscc, '(未知名称)', null from platform_ranked
    where host_uscc is not null and host_uscc not in (select uscc from enterprise_names)
) s
where not exists (select 1 from dw.dim_enterprise d where d.uscc = s.uscc)
qualify row_number() over (partition by s.uscc order by s.enterprise_name = '(未知名称)') = 1;
