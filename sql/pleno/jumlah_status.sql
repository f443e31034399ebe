-- jumlah_status: how many units are in each plenary status (for the run's log and artifacts).
select status, count(*)::integer as unit
from pleno_status
group by status
order by status
