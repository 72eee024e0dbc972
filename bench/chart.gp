# Chart of bench/run. Variables given with -e: data, series, base, out, spass, bpass, expired, clients
set terminal pngcairo size 1100,1000 font "sans,10"
set output out
set multiplot layout 2,1 title "mcp-session-store benchmark: service (wrk) vs. baseline (pgbench, the same SQL)" font "sans,12"

# 1: throughput per scenario, service vs. baseline
set title sprintf("Throughput at %s concurrent clients (log scale)", clients)
set style data histogram
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set logscale y
set yrange [1:*]
set ylabel "requests (transactions) per second"
set grid ytics
set key top right
set xtics nomirror
set xrange [-0.6:*]
plot data using 2:xtic(1) title "service" linecolor rgb "#1f77b4", \
     '' using 3 title "baseline" linecolor rgb "#ff7f0e", \
     '' using ($0 - 0.15):2:(sprintf("%.0f", $2)) with labels offset 0,0.7 notitle, \
     '' using ($0 + 0.15):3:(sprintf("%.0f", $3)) with labels offset 0,0.7 notitle

# 2: activity during the cleanup pass
unset logscale y
set xrange [*:*]
set title sprintf("Activity while a cleanup pass deletes %s expired sessions (shaded: the pass, service below, baseline above)", expired)
set style data linespoints
set style fill transparent solid 0.15 noborder
set xlabel "seconds from the start of the pass (window middles)"
set ylabel "activity requests per second"
set y2label "p99 ms (dashed)"
set ytics nomirror
set y2tics
set yrange [0:*]
set y2range [0:*]
set key below horizontal
set object 1 rect from 0, graph 0 to spass, graph 0.5 fillcolor rgb "#1f77b4" fillstyle transparent solid 0.2 noborder behind
set object 2 rect from 0, graph 0.5 to bpass, graph 1 fillcolor rgb "#ff7f0e" fillstyle transparent solid 0.2 noborder behind
plot series using 1:2 title "service req/s" linecolor rgb "#1f77b4" pointtype 7, \
     base using 1:2 title "baseline tx/s" linecolor rgb "#ff7f0e" pointtype 5, \
     series using 1:3 axes x1y2 title "service p99" linecolor rgb "#1f77b4" dashtype 2, \
     base using 1:3 axes x1y2 title "baseline p99" linecolor rgb "#ff7f0e" dashtype 2
unset multiplot
