#!/usr/bin/env bash
# Points every citation of the former notes file (`../shared/domain.md §N.M`, outside the repository) at the section
# of docs/model.md that now explains the behaviour: `docs/model.md#<anchor>`.
#
# Forms rewritten (in C#, YAML, JSON, shell and Markdown under Simulator/, Simulator.Tests/, Benchmarks/, scenarios/,
# scripts/, docs/ and README.md; docs/model.md and this script are never touched):
#   ../shared/domain.md §4.3   domain.md §4.3   domain.md 4.3   (§4.3)   §4.1, §4.4   §7.1/§6   §3 to §7   §§10–15
#   §13 item 6   §10.2 item 21   domain.md (§ numbers)   and a bare `domain.md` / `../shared/domain.md` mention.
# Code and data files get `docs/model.md#anchor`; Markdown files get a link, `[Health checks](docs/model.md#health-checks)`,
# with the path relative to the Markdown file. A subsection the table below does not list falls back to its section
# (for §10-§15, whose facts are numbered items, `§13.6` is item 6 of §13). A citation of an unknown section is left
# alone and reported. The rewrite is idempotent: a second run changes nothing.
#
# Usage:
#   scripts/rewrite-citations.sh            rewrite the tree in place
#   scripts/rewrite-citations.sh --dry-run  print each line that would change (file:line, before and after)
#   scripts/rewrite-citations.sh --check    check that every anchor below is a heading of docs/model.md and that no
#                                           citation of domain.md is left; exit 1 otherwise
#
# Verify by hand after a rewrite (both must print nothing):
#   grep -rnI -e 'domain\.md' -e '§' Simulator Simulator.Tests Benchmarks scenarios scripts README.md \
#        --exclude-dir=bin --exclude-dir=obj --exclude=rewrite-citations.sh
#   scripts/rewrite-citations.sh --dry-run
# and `scripts/rewrite-citations.sh --check` exits 0. On the tree of commit 2c3c1cb every citation sits in a comment,
# a YAML comment or a schema description (checked on a scratch copy: 31 files, 140 lines, no code line changed), so
# the build, the tests and the goldens are unaffected (goldens hash no source or scenario text). A citation that has
# since moved into a string literal (an error message, a test expectation) is rewritten too: build and run the tests.
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/.."

mode=rewrite
case "${1:-}" in
    "") ;;
    --dry-run) mode=dry-run ;;
    --check) mode=check ;;
    *) echo "usage: $0 [--dry-run | --check]" >&2; exit 2 ;;
esac

# section|anchor|title (the title is the heading text of docs/model.md, used as link text in Markdown)
map='
1|lifecycle-events|Lifecycle events
1.1|lifecycle-events|Lifecycle events
1.2|stop-events-and-first-deployments|Stop events and first deployments
1.3|stop-events-and-first-deployments|Stop events and first deployments
1.4|hook-timeouts|Hook timeouts
1.5|failures-and-rollback|Failures and rollback
1.6|codedeploy-agent|CodeDeploy agent
2|blue-green-deployments|Blue-green deployments
2.1|blue-green-deployments|Blue-green deployments
2.2|blue-green-deployments|Blue-green deployments
2.3|rerouting-traffic|Rerouting traffic
2.4|terminating-the-originals|Terminating the originals
2.5|blue-green-deployments|Blue-green deployments
3|deployment-configurations|Deployment configurations
3.1|deployment-configurations|Deployment configurations
3.2|minimum-healthy-hosts|Minimum healthy hosts
4|auto-scaling-group|Auto Scaling group
4.1|launch-hook-and-launch-loop|Launch hook and launch loop
4.2|launch-hook-and-launch-loop|Launch hook and launch loop
4.3|scaling-during-a-deployment|Scaling during a deployment
4.4|health-check-grace-period|Health-check grace period
5|target-groups|Target groups
5.1|health-checks|Health checks
5.2|blocktraffic-and-allowtraffic-timing|BlockTraffic and AllowTraffic timing
5.3|deregistration-delay-and-slow-start|Deregistration delay and slow start
5.4|cli-waiters|CLI waiters
5.5|target-groups-per-deployment-group|Target groups per deployment group
6|opsworks-setup-and-boot-times|OpsWorks setup and boot times
7|unicorn-processes|unicorn processes
7.1|unicorn-usr2|unicorn USR2
7.2|copy-on-write|Copy-on-write
7.3|worker-memory|Worker memory
7.4|worker-count-and-packing|Worker count and packing
7.5|capistrano-flow|Capistrano flow
8|known-pain-points|Known pain points
9|defaults-at-a-glance|Defaults at a glance
10|instance-refresh|Instance refresh
11|warm-pools|Warm pools
12|zonal-deployments|Zonal deployments
13|several-target-groups|Several target groups
13.1|several-target-groups|Several target groups
13.2|blocktraffic-and-allowtraffic-timing|BlockTraffic and AllowTraffic timing
13.3|termination-hook|Termination hook
14|alarms|Alarms
15|overload-and-queueing|Overload and queueing
S|sources|Sources
'
# Numbered facts of sections 10-15 that belong to another anchor than their section's: section|first|last|anchor|title
items='
13|1|7|several-target-groups|Several target groups
13|8|13|blocktraffic-and-allowtraffic-timing|BlockTraffic and AllowTraffic timing
13|14|20|termination-hook|Termination hook
'

files() {
    grep -rlIZ -e $'\xc2\xa7' -e 'domain\.md' Simulator Simulator.Tests Benchmarks scenarios scripts docs README.md \
        --exclude-dir=bin --exclude-dir=obj --exclude-dir=.git --exclude=rewrite-citations.sh --exclude=model.md \
        2>/dev/null || true
}

if [[ $mode == check ]]; then
    status=0
    slugs=$(perl -ne 'next unless /^#{1,6}\s+(.*?)\s*$/; $_ = lc $1; s/[^a-z0-9 _-]//g; s/ /-/g; print "$_\n"' docs/model.md)
    dupes=$(sort <<<"$slugs" | uniq -d)
    if [[ -n $dupes ]]; then echo "docs/model.md: headings with the same anchor: $dupes" >&2; status=1; fi
    while IFS='|' read -r _ anchor _; do
        [[ -z $anchor ]] && continue
        grep -qx -- "$anchor" <<<"$slugs" || { echo "docs/model.md has no heading for anchor #$anchor" >&2; status=1; }
    done <<<"$map
$(sed 's/^\([^|]*\)|[^|]*|[^|]*|/\1|/' <<<"$items")"
    left=$(files | xargs -0r grep -nI -e $'\xc2\xa7' -e 'domain\.md' || true)
    if [[ -n $left ]]; then echo "citations of domain.md left:" >&2; echo "$left" >&2; status=1; fi
    [[ $status == 0 ]] && echo "docs/model.md anchors complete; no domain.md citation left"
    exit $status
fi

files | MAP="$map" ITEMS="$items" MODE="$mode" perl -0 -e '
use strict; use warnings; use File::Spec; use File::Basename qw(dirname);
my (%anchor, %title, @items);
for (split /\n/, $ENV{MAP}) { next unless /\S/; my ($n, $a, $t) = split /\|/; $anchor{$n} = $a; $title{$a} = $t; }
for (split /\n/, $ENV{ITEMS}) { next unless /\S/; my ($s, $lo, $hi, $a, $t) = split /\|/; push @items, [$s, $lo, $hi, $a]; $title{$a} = $t; }
my $S = "(?:\xC2\xA7)";                               # the section sign, as UTF-8 bytes
my $DASH = "(?:\xE2\x80\x93|\xE2\x80\x94|-)";          # en dash, em dash, hyphen
my $NUM = qr/(\d+(?:\.\d+)?|S\b)(?:\.\d+)*/;          # 4.3 (a deeper level falls back to its N.M)
my $ITEM = qr/(?:,?\h*items?\h+(\d+))?/;
my ($file, $markdown, $target, @unknown);

sub item_anchor {
    my ($sec, $item) = @_;
    for my $r (@items) { return $r->[3] if $r->[0] eq $sec && $item >= $r->[1] && $item <= $r->[2]; }
    return $anchor{$sec};
}
sub resolve {
    my ($num, $item) = @_;
    my ($sec) = $num =~ /^(\d+|S)/;
    return item_anchor($sec, $item) if defined $item;
    return $anchor{$num} if exists $anchor{$num};
    if ($num =~ /^(\d+)\.(\d+)$/ && exists $anchor{$1}) {
        return $1 >= 10 ? item_anchor($1, $2) : $anchor{$1};
    }
    return undef;
}
sub last_of {                                          # a range ending at §7 ends at the last subsection of §7
    my ($num) = @_;
    return $num unless $num =~ /^\d+$/;
    my $last;
    for my $k (keys %anchor) {
        next unless $k =~ /^(\d+)\.(\d+)\z/ && $1 eq $num;
        $last = $2 if !defined $last || $2 > $last;
    }
    return defined $last ? "$num.$last" : $num;
}
sub cite {                                             # one citation, or the original text when unknown
    my ($orig, $num, $item) = @_;
    my $a = resolve($num, $item);
    unless (defined $a) { push @unknown, "$file: $orig"; return $orig; }
    return $markdown ? "[$title{$a}]($target#$a)" : "$target#$a";
}

local $/ = "\0";
while (defined($file = <STDIN>)) {
    chomp $file;
    open my $in, "<:raw", $file or die "$file: $!";
    my $text = do { local $/; <$in> };
    close $in;
    $markdown = $file =~ /\.md$/i;
    $target = $markdown ? File::Spec->abs2rel("docs/model.md", dirname($file)) : "docs/model.md";
    my $new = $text;
    my $pre = qr{(?:\.\./shared/)?domain\.md};
    $new =~ s{$pre\h*\($S\h*numbers\)}{$target (section anchors)}g;
    $new =~ s{($S+\h*\d+(?:\.\d+)*)\h*/\h*(?=$S)}{$1, }g;                        # §7.1/§6 -> §7.1, §6
    $new =~ s{(?:$pre\h*(?:$S+|sections?)?\h*|$S+\h*)$NUM(?:\h+to\h+$S*\h*|\h*$DASH\h*$S*\h*)$NUM}
             {cite($&, $1) . " to " . cite($&, last_of($2))}ge;                   # ranges
    $new =~ s{$pre\h*(?:$S+|sections?)?\h*$NUM$ITEM}{cite($&, $1, $2)}ge;          # domain.md §4.3, domain.md 4.3
    $new =~ s{$S+\h*$NUM$ITEM}{cite($&, $1, $2)}ge;                               # bare §4.3
    $new =~ s{$pre}{$target}g;                                                   # any other mention of the file
    next if $new eq $text;
    if ($ENV{MODE} eq "dry-run") {
        my @a = split /\n/, $text, -1; my @b = split /\n/, $new, -1;
        for my $i (0 .. $#a) { next if $a[$i] eq $b[$i]; print "$file:", $i + 1, ":\n  - $a[$i]\n  + $b[$i]\n"; }
        next;
    }
    open my $out, ">:raw", "$file.citations.tmp" or die "$file: $!";
    print $out $new;
    close $out or die "$file: $!";
    chmod((stat $file)[2] & 07777, "$file.citations.tmp");
    rename "$file.citations.tmp", $file or die "$file: $!";
    print "rewrote $file\n";
}
if (@unknown) { print STDERR "left alone (no section of docs/model.md for these):\n"; print STDERR "  $_\n" for @unknown; exit 1; }
'
