#!/usr/bin/env bash
# Compares two checkouts of Fokusrunde under the same load, alternating between
# them so that the machine's drift over minutes hits both alike: on a shared VM,
# one round of the same code varies by 10–20 %, more than most changes are worth.
#
#   bench/alternate.sh <checkout A> <checkout B> <pairs> [bench options…]
#   bench/alternate.sh /tmp/before . 3 --pin --boards 10 --clients 20 --rate 2 --duration 20 --only fokusrunde
#
# A checkout needs node_modules (a symlink to this one's will do). Prints one
# line per round and, at the end, the median CPU per delivered update of each.
set -euo pipefail
[ $# -ge 3 ] || { sed -n 2,11p "$0"; exit 2; }
a=$1 b=$2 pairs=$3
shift 3
declare -A cpu=([A]='' [B]='')
for i in $(seq 1 "$pairs"); do
	for side in A B; do
		dir=$a
		[ "$side" = B ] && dir=$b
		line=$(cd "$dir" && npm run --silent bench -- --repeat 1 "$@" 2>&1 | grep 'fokusrunde round 1' || true)
		[ -n "$line" ] || { echo "$side ($dir): no Fokusrunde round in the output" >&2; exit 1; }
		echo "$side pair $i: ${line#*round 1: }"
		cpu[$side]+="$(grep -oE 'server [0-9.]+' <<<"$line" | cut -d' ' -f2) "
	done
done
for side in A B; do
	median=$(tr ' ' '\n' <<<"${cpu[$side]}" | grep . | sort -n | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}')
	echo "$side: median ${median} µs CPU per delivered update (rounds: ${cpu[$side]% })"
done
