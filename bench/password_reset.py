"""Time of the "mot de passe oublié" answer for addresses that have an account and for addresses that do not,
interleaved, each address asked once (a second ask would meet the per-address mail throttle). Prints the median and
p90 of each and the difference of the medians: the answer must not tell which addresses have accounts.
Usage: password_reset.py PORT KNOWN_ADDRESSES_FILE   (one address per line; as many unknown ones are made up)"""
import http.client
import re
import statistics
import sys
import time
import urllib.parse

COMMUNE = "/chanteloup-les-vignes/"


def main():
    port = int(sys.argv[1])
    with open(sys.argv[2]) as f:
        known = [line.strip() for line in f if line.strip()]
    unknown = [f"personne.{i}@nulle-part.example" for i in range(len(known))]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", COMMUNE + "mot-de-passe-oublie")
    page = connection.getresponse()
    body = page.read().decode()
    cookie = "; ".join(c.split(";")[0] for c in page.headers.get_all("Set-Cookie") or [])
    token = re.search(r'name="_csrf" value="([^"]+)"', body).group(1)
    origin = f"http://127.0.0.1:{port}"
    timings = {"known": [], "unknown": []}

    def ask(address):
        form = urllib.parse.urlencode({"_csrf": token, "email": address})
        started = time.perf_counter()
        connection.request("POST", COMMUNE + "mot-de-passe-oublie", body=form,
                           headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie,
                                    "Origin": origin})
        response = connection.getresponse()
        response.read()
        elapsed = time.perf_counter() - started
        if response.status != 200:
            sys.exit(f"{address}: {response.status}")
        return elapsed

    for warm in range(20):
        ask(f"echauffement.{warm}@nulle-part.example")
    for a, b in zip(known, unknown):
        timings["known"].append(ask(a))
        timings["unknown"].append(ask(b))
    print(f"{'addresses':<10} {'asks':>6} {'p50 ms':>8} {'p90 ms':>8}")
    for name, values in timings.items():
        ordered = sorted(values)
        print(f"{name:<10} {len(values):>6} {statistics.median(ordered) * 1000:8.3f} "
              f"{ordered[int(len(ordered) * 0.9)] * 1000:8.3f}")
    difference = (statistics.median(timings["known"]) - statistics.median(timings["unknown"])) * 1000
    print(f"median known - unknown: {difference:+.3f} ms "
          f"(ratio {statistics.median(timings['known']) / statistics.median(timings['unknown']):.2f})")


if __name__ == "__main__":
    main()
