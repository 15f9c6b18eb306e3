"""What the query benchmark (tools/bench/query_bench.cpp) asks of a base, read from the base:
skills by how many roles use them, the industry of most roles, a role with figures in two
countries and one to compare it with. tools/gen-bench-data writes these for its generated base,
tools/benchmark for the O*NET-scale one.
"""


def skill_use(con):
    """(skill, roles) for every skill, most used first."""
    return con.execute("SELECT s.name, count(*) AS n FROM role_skills rs JOIN skills s "
                       "ON s.id = rs.skill_id GROUP BY s.id ORDER BY n DESC, s.id").fetchall()


def industry_use(con):
    """(industry, roles) for every industry, most used first."""
    return con.execute("SELECT i.name, count(*) AS n FROM role_industries ri JOIN industries i "
                       "ON i.id = ri.industry_id GROUP BY i.id ORDER BY n DESC, i.id").fetchall()


def questions(con, countries, role, other_role):
    """The manifest's question section: `countries` the two whose figures `role` has (the first
    is the one asked about), `other_role` the role compared with it."""
    by_use, industries = skill_use(con), industry_use(con)
    common, medium, rare = by_use[0], by_use[len(by_use) // 20], by_use[len(by_use) * 3 // 4]
    return dict(skills_by_use=dict(common=common[0], common_roles=common[1],
                                   medium=medium[0], medium_roles=medium[1],
                                   rare=rare[0], rare_roles=rare[1],
                                   three=[by_use[0][0], by_use[1][0], by_use[2][0]]),
                industry=dict(big=industries[0][0], big_roles=industries[0][1]),
                role=role, other_role=other_role, country=countries[0])


def role_with_figures(con, countries):
    """The first role with current figures in both countries."""
    return con.execute(
        "SELECT r.name FROM roles r WHERE (SELECT count(DISTINCT country_code) FROM "
        "salary_latest l WHERE l.role_id = r.id AND l.country_code IN (?, ?)) = 2 "
        "ORDER BY r.id LIMIT 1", tuple(countries)).fetchone()[0]


def from_base(con):
    """The questions for a base that was not generated: its two countries with the most current
    figures, the first role with figures in both, and the role with the most skills besides it."""
    countries = [code for (code,) in con.execute(
        "SELECT country_code FROM salary_latest GROUP BY country_code "
        "ORDER BY count(*) DESC, country_code LIMIT 2")]
    role = role_with_figures(con, countries)
    other = con.execute("SELECT r.name FROM roles r JOIN role_skills rs ON rs.role_id = r.id "
                        "WHERE r.name <> ? GROUP BY r.id ORDER BY count(*) DESC, r.id LIMIT 1",
                        (role,)).fetchone()[0]
    return questions(con, countries, role, other)
