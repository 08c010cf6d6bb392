#!/bin/sh
# Last week's call record 电话服务记录 (shouhou report weekly) into a dated file, for cron.
#
#   weekly-report.sh [FOLDER]          # default: the current folder
#
# Writes FOLDER/weekly-YYYY-Www.FORMAT (atomically, mode 0600), prints that path on stdout and
# exits with shouhou's exit code: 0 also for a week without requests (the report says so),
# 1 when the database is missing or the file cannot be written, 2 for bad settings below.
# It sends nothing: mail the file with the system's mailer (README, "Reports").
#
# Settings (environment):
#   SHOUHOU_DB              the database, as for every shouhou command
#   SHOUHOU_LANG            zh or en
#   REPORT_FORMAT           html (default), pdf, md, txt, csv or json
#   REPORT_TZ               the firm's time zone, for the week's name (default Asia/Shanghai)
#   SHOUHOU                 the shouhou command (default: shouhou on PATH)
#
# crontab, every Monday at 07:30:
#   30 7 * * 1  /opt/shouhou/examples/cron/weekly-report.sh /srv/reports >/dev/null
set -u

folder=${1:-.}
format=${REPORT_FORMAT:-html}
shouhou=${SHOUHOU:-shouhou}

# The last full ISO week in the firm's zone (GNU date, else BSD date); shouhou computes the
# same default, but naming it here makes the file name and the report agree.
week=$(TZ=${REPORT_TZ:-Asia/Shanghai} date -d '7 days ago' +%G-W%V 2>/dev/null) ||
    week=$(TZ=${REPORT_TZ:-Asia/Shanghai} date -v-7d +%G-W%V) || exit 2

file="$folder/weekly-$week.$format"
"$shouhou" report weekly --week "$week" --format "$format" --output "$file" >/dev/null
status=$?
if [ "$status" -ne 0 ]; then
    echo "weekly-report: shouhou report weekly exited $status" >&2
    exit "$status"
fi
echo "$file"
