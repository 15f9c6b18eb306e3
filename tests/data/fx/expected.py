#!/usr/bin/env python3
"""Expected conversions for tests/unit/conversion_expected_test.cpp, computed independently of
jobkb: Python's decimal reads the published rates, fractions.Fraction does the arithmetic, and
round() on a Fraction rounds half to even. The rules are those of the README ("Comparing across
currencies"), written again here from their description:

- a day's rate: the rate of that day, else of the last earlier day on which both currencies have
  a rate, at most 7 days back; cross rates go through EUR, the base of the ECB's rates;
- a month's or year's rate: sum of EUR->to over sum of EUR->from on the days of the period on
  which both have a rate, provided no stretch of more than 7 days of the period lacks one;
- a PPP factor: the country's factor of the figure's year, else the latest of the 3 years before;
  a figure in another currency than the country's is converted to it first (rounded at its minor
  unit), then divided by the factor and rounded to cents of an international dollar;
- amounts are in minor units; every result is rounded once, half to even.

Prints one tab-separated line per case (lines starting with # are comments):
  fx  AMOUNT FROM TO AS_OF RATE_ON  EXPECTED APPLIES_TO DAYS EXACT_RATE REASON
  ppp AMOUNT CURRENCY COUNTRY AS_OF RATE_ON  EXPECTED YEAR FACTOR LOCAL REASON
with '-' for what does not apply. With the argument `reports`, it summarises individual reports
of tests/data/ds_salaries_2022.csv per role, country and year in one unit instead:
  reports ROLE COUNTRY YEAR UNIT  COUNT CONVERTED LEFT_OUT P25 MEDIAN MEAN P75
(percentiles by linear interpolation between closest ranks, rounded half away from zero; the
mean rounded half up; each report converted as a figure of its year).
"""

import csv
import datetime
import math
import os
import sys
from decimal import Decimal
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
WINDOW = 7
PPP_YEARS_BACK = 3


def exact(decimal_text):
    return Fraction(Decimal(decimal_text))


def read_reference():
    minor_units, country_currency = {}, {}
    with open(os.path.join(ROOT, "seed", "reference", "currencies.tsv"), encoding="utf-8") as f:
        for row in list(csv.reader(f, delimiter="\t"))[1:]:
            minor_units[row[0]] = int(row[3])
    with open(os.path.join(ROOT, "seed", "reference", "countries.tsv"), encoding="utf-8") as f:
        for row in list(csv.reader(f, delimiter="\t"))[1:]:
            country_currency[row[0]] = row[2]
    return minor_units, country_currency


def read_ecb():
    rates = {}  # date -> {code: Fraction}, EUR -> code
    with open(os.path.join(HERE, "eurofxref-hist-subset.csv"), encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    for row in rows[1:]:
        day = datetime.date.fromisoformat(row[0])
        rates[day] = {"EUR": Fraction(1)}
        for code, value in zip(header[1:], row[1:]):
            if code and value != "N/A":
                rates[day][code] = exact(value)
    return rates


def read_ppp():
    factors = {}  # (country, year) -> decimal text
    with open(os.path.join(HERE, "ppp-gdp-subset.csv"), encoding="utf-8") as f:
        for row in list(csv.reader(f))[1:]:
            factors[(row[1], int(row[2]))] = row[3]
    return factors


MINOR, COUNTRY_CURRENCY = read_reference()
ECB = read_ecb()
PPP = read_ppp()


def canonical(decimal_text):
    """The text without trailing zeros after the point."""
    return decimal_text.rstrip("0").rstrip(".") if "." in decimal_text else decimal_text


def exact_text(value):
    """A decimal when the fraction ends, else numerator/denominator."""
    d = value.denominator
    twos = fives = 0
    while d % 2 == 0:
        d //= 2
        twos += 1
    while d % 5 == 0:
        d //= 5
        fives += 1
    if d != 1:
        return f"{value.numerator}/{value.denominator}"
    scale = max(twos, fives)
    digits = str(value.numerator * 10**scale // value.denominator).rjust(scale + 1, "0")
    text = digits if scale == 0 else digits[:-scale] + "." + digits[-scale:]
    return text.rstrip("0").rstrip(".") if "." in text else text


def day_rate(source, target, day):
    for back in range(WINDOW + 1):
        d = day - datetime.timedelta(days=back)
        rates = ECB.get(d, {})
        if source in rates and target in rates:
            return rates[target] / rates[source], d.isoformat(), 1
    return None


def period_bounds(as_of):
    if len(as_of) == 4:
        year = int(as_of)
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    year, month = int(as_of[:4]), int(as_of[5:7])
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return datetime.date(year, month, 1), following - datetime.timedelta(days=1)


def average_rate(source, target, as_of):
    first, last = period_bounds(as_of)
    days = sorted(d for d, r in ECB.items() if first <= d <= last and source in r and target in r)
    if not days:
        return None
    stretches = [(days[0] - first).days, (last - days[-1]).days]
    stretches += [(b - a).days - 1 for a, b in zip(days, days[1:])]
    if max(stretches) > WINDOW:
        return None
    rate = sum(ECB[d][target] for d in days) / sum(ECB[d][source] for d in days)
    return rate, as_of, len(days)


def rate_for(source, target, as_of, rate_on):
    if rate_on:
        return day_rate(source, target, datetime.date.fromisoformat(rate_on))
    if len(as_of) == 10:
        return day_rate(source, target, datetime.date.fromisoformat(as_of))
    return average_rate(source, target, as_of)


def convert(amount, source, target, as_of, rate_on):
    """(amount in target minor units, applies_to, days, rate) or None."""
    if source == target:
        return amount, None, None, None
    found = rate_for(source, target, as_of, rate_on)
    if found is None:
        return None
    rate, applies_to, days = found
    value = Fraction(amount) * rate * Fraction(10) ** (MINOR[target] - MINOR[source])
    return round(value), applies_to, days, rate


def fx_case(amount, source, target, as_of, rate_on=None):
    result = convert(amount, source, target, as_of, rate_on)
    fields = ["fx", amount, source, target, as_of, rate_on or "-"]
    if result is None:
        reason = "no-rate-in-window" if rate_on or len(as_of) == 10 else "period-not-covered"
        fields += ["-", "-", "-", "-", reason]
    else:
        converted, applies_to, days, rate = result
        fields += [converted, applies_to or "-", days or "-", exact_text(rate) if rate else "-",
                   "none"]
    print("\t".join(str(field) for field in fields))


def ppp_case(amount, currency, country, as_of, rate_on=None):
    year = int((rate_on or as_of)[:4])
    fields = ["ppp", amount, currency, country, as_of, rate_on or "-"]
    factor_year = next((y for y in range(year, year - PPP_YEARS_BACK - 1, -1)
                        if (country, y) in PPP), None)
    if factor_year is None:
        print("\t".join(str(f) for f in fields + ["-", "-", "-", "-", "no-ppp-factor"]))
        return
    factor = PPP[(country, factor_year)]
    local_currency = COUNTRY_CURRENCY[country]
    local = convert(amount, currency, local_currency, as_of, rate_on)
    if local is None:
        reason = "no-rate-in-window" if rate_on or len(as_of) == 10 else "period-not-covered"
        print("\t".join(str(f) for f in fields + ["-", factor_year, canonical(factor), "-", reason]))
        return
    local_amount = local[0]
    cents = round(Fraction(local_amount) / exact(factor) * Fraction(10) ** (2 - MINOR[local_currency]))
    fields += [cents, factor_year, canonical(factor),
               local_amount if currency != local_currency else "-", "none"]
    print("\t".join(str(field) for field in fields))


def main():
    print("# The article's FAQ: Machine Learning Engineer, US $161,174, GB £62,126, IN ₹10,75,000")
    print("# (as of 2026-04-06), at the ECB's rates of 2025-05-09 and the PPP factors of 2024.")
    for amount, currency, country in ((16117400, "USD", "US"), (6212600, "GBP", "GB"),
                                      (107500000, "INR", "IN")):
        fx_case(amount, currency, "USD", "2026-04-06", "2025-05-09")
        fx_case(amount, currency, "USD", "2026-04-06")  # a year after the last rate: none
        ppp_case(amount, currency, country, "2026-04-06", "2025-05-09")
        ppp_case(amount, currency, country, "2026-04-06")
    print("# A day's rate: weekends, holidays, the window's edge, one leg the base, cross rates.")
    for day in ("2025-05-09", "2025-05-10", "2025-05-11", "2025-05-16", "2025-05-17",
                "2025-04-18", "2025-04-21", "2025-01-01", "2024-12-25", "2022-03-02"):
        fx_case(10000000, "USD", "GBP", day)
    fx_case(10000000, "USD", "RUB", "2022-03-02")  # the ECB's last RUB rate is of 2022-03-01
    fx_case(10000000, "USD", "RUB", "2022-03-09")  # 8 days after it
    fx_case(123456789, "EUR", "INR", "2025-05-09")
    fx_case(123456789, "INR", "EUR", "2025-05-09")
    fx_case(100000000, "INR", "USD", "2025-05-09")
    print("# Minor units 0 and 2 both ways.")
    fx_case(16117400, "USD", "JPY", "2025-05-09")
    fx_case(1000000, "JPY", "USD", "2025-05-09")
    fx_case(1, "JPY", "USD", "2025-05-09")
    fx_case(123456789, "KRW", "ISK", "2025-03-14")
    fx_case(99999999, "IDR", "HUF", "2025-02-03")
    print("# Month and year averages, complete and not.")
    for period in ("2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2024-12", "2022",
                   "2025", "2022-02", "2022-03"):
        fx_case(10000000, "USD", "GBP", period)
    fx_case(10000000, "EUR", "USD", "2025-04")
    fx_case(10000000, "USD", "EUR", "2025-04")
    fx_case(8500000, "CAD", "USD", "2022")
    fx_case(8500000, "JPY", "INR", "2022")
    fx_case(8500000, "EUR", "HRK", "2022")
    fx_case(8500000, "USD", "RUB", "2022")
    fx_case(8500000, "USD", "RUB", "2022-02")
    fx_case(8500000, "USD", "RUB", "2022-03")
    print("# PPP: the year, the window, a figure in another currency than the country's.")
    ppp_case(8500000, "CAD", "CA", "2022")
    ppp_case(8500000, "USD", "CA", "2022")
    ppp_case(10000000, "USD", "IN", "2025-05-09")
    ppp_case(7000000, "EUR", "DE", "2024-06")
    ppp_case(7000000, "EUR", "HR", "2024-06")
    ppp_case(500000000, "JPY", "JP", "2019")
    ppp_case(500000000, "JPY", "JP", "2027")
    ppp_case(500000000, "JPY", "JP", "2028")
    ppp_case(1000000, "GBP", "GB", "2025-05")  # the FX step needs no rate: GBP is GB's own
    ppp_case(1000000, "USD", "GB", "2025-05")  # it does here, and May 2025 is not complete
    ppp_case(1000000, "VES", "VE", "2011")
    ppp_case(1000000, "AOA", "AO", "1990")


def percentile(values, p):
    position = Fraction((len(values) - 1) * p, 100)
    low = math.floor(position)
    if low + 1 >= len(values):
        return values[low]
    value = values[low] + (values[low + 1] - values[low]) * (position - low)
    return math.floor(value + Fraction(1, 2))


def report_case(role, country, year, unit):
    aliases = {role}
    with open(os.path.join(ROOT, "seed", "article", "role_aliases.tsv"), encoding="utf-8") as f:
        slug = role.lower().replace(" ", "-")
        aliases |= {row[1] for row in list(csv.reader(f, delimiter="\t"))[1:] if row[0] == slug}
    with open(os.path.join(ROOT, "tests", "data", "ds_salaries_2022.csv"), encoding="utf-8") as f:
        rows = [row for row in csv.DictReader(f)
                if row["job_title"] in aliases and row["employee_residence"] == country
                and row["work_year"] == year]
    amounts, converted, left_out = [], 0, 0
    for row in rows:
        amount = int(row["salary"]) * 10 ** MINOR[row["salary_currency"]]
        currency = row["salary_currency"]
        if unit == "Int$":
            factor_year = next((y for y in range(int(year), int(year) - PPP_YEARS_BACK - 1, -1)
                                if (country, y) in PPP), None)
            local = convert(amount, currency, COUNTRY_CURRENCY[country], year, None)
            if factor_year is None or local is None:
                left_out += 1
                continue
            factor = exact(PPP[(country, factor_year)])
            local_unit = MINOR[COUNTRY_CURRENCY[country]]
            amounts.append(round(Fraction(local[0]) / factor * Fraction(10) ** (2 - local_unit)))
            converted += 1
            continue
        result = convert(amount, currency, unit, year, None)
        if result is None:
            left_out += 1
            continue
        amounts.append(result[0])
        converted += 1 if currency != unit else 0
    amounts.sort()
    fields = ["reports", role, country, year, unit, len(amounts), converted, left_out]
    if amounts:
        mean = math.floor(Fraction(sum(amounts), len(amounts)) + Fraction(1, 2))
        fields += [percentile(amounts, 25), percentile(amounts, 50), mean,
                   percentile(amounts, 75)]
    else:
        fields += [0, 0, 0, 0]
    print("\t".join(str(field) for field in fields))


def reports():
    print("# Individual reports combined across currencies (a CAD group and a USD group become one)")
    report_case("Data Scientist", "CA", "2022", "USD")
    report_case("Data Scientist", "CA", "2022", "Int$")
    report_case("Data Scientist", "CA", "2021", "USD")  # the test rates have no 2021
    report_case("Data Scientist", "US", "2022", "USD")
    report_case("Data Scientist", "US", "2022", "GBP")
    report_case("Data Scientist", "GB", "2022", "USD")
    report_case("Data Scientist", "GB", "2022", "Int$")
    report_case("Machine Learning Engineer", "US", "2022", "INR")


if __name__ == "__main__":
    reports() if sys.argv[1:] == ["reports"] else main()
