WITH top AS (SELECT role_id, max(amount_minor) AS m FROM salary_observations GROUP BY role_id)
SELECT r.name, t.m FROM top t JOIN roles r ON r.id = t.role_id ORDER BY t.m DESC LIMIT 5;