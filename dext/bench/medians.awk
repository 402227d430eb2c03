# Reads Google Benchmark's JSON output (one key per line, as its writer puts it) and prints, for each
# benchmark's median aggregate, one line per number: "<benchmark>\t<key>\t<value>", where <benchmark>
# is the registered name ("call/dksim/accepted", without "/real_time") and <key> is real_time,
# cpu_time or a counter ("allocs/op", ...); plus "<benchmark>\tcv\t<value>", the coefficient of
# variation of real_time over the repetitions (0.013 = 1.3 %). A run that failed prints
# "<benchmark>\terror\t<message>".
# No jq or python: the machines this runs on are only promised a POSIX awk.

function unquote(text) {
  sub(/^[^:]*:[ \t]*/, "", text)
  sub(/,[ \t]*$/, "", text)
  gsub(/^"|"$/, "", text)
  return text
}

/^    \{/ { name = ""; aggregate = ""; error = ""; count = 0; next }

/^      "run_name":/ { name = unquote($0); sub(/\/real_time$/, "", name); next }
/^      "aggregate_name":/ { aggregate = unquote($0); next }
/^      "error_message":/ { error = unquote($0); next }

/^      "[^"]+": -?[0-9.]+(e[-+]?[0-9]+)?,?$/ {
  key = $0
  sub(/^      "/, "", key)
  sub(/".*/, "", key)
  keys[++count] = key
  values[count] = unquote($0)
  next
}

/^    \}/ {
  if (error != "") {
    print name "\terror\t" error
  } else if (aggregate == "median") {
    for (k = 1; k <= count; k++)
      if (keys[k] !~ /^(family_index|per_family_instance_index|repetitions|threads|iterations)$/)
        print name "\t" keys[k] "\t" values[k]
  } else if (aggregate == "cv") {
    for (k = 1; k <= count; k++)
      if (keys[k] == "real_time") print name "\tcv\t" values[k]
  }
}
