/*
 * nfq_impair: delay and loss for the netready lab without tc netem (this kernel has none).
 *
 *   nfq_impair --queue N [--delay-ms D] [--loss-percent P] [--seed S] [--maxlen M] [--quiet]
 *
 * Reads packets from NFQUEUE N (an nft rule "queue num N bypass" sends them), drops each with
 * probability P % (deterministic PRNG seeded by S), and gives every kept packet its NF_ACCEPT
 * verdict D ms after it arrived. The verdict is issued later by packet id; nothing is copied but
 * the packet's metadata. The delay is the same for every packet, so arrival order is release
 * order: held packets sit in a FIFO ring (a time-ordered queue), at most M of them (default
 * 8192; the kernel queue holds as many). One thread, one ppoll() loop whose timeout is the time
 * until the oldest held packet is due.
 *
 * The queue is opened with NFQA_CFG_F_FAIL_OPEN: when the kernel queue is full, packets pass
 * without delay instead of being dropped. If this program is not running, "bypass" in the nft
 * rule lets packets through unimpaired. SIGTERM/SIGINT: every held packet is accepted at once,
 * the queue is unbound, a one-line summary goes to stderr, exit 0.
 *
 * stderr: one status line at start, one summary line at exit (plus errors).
 * Exit status: 0 after SIGTERM/SIGINT; 1 on a runtime error; 2 on a usage error.
 *
 * Build: gcc -O2 -Wall -o BUILD/nfq-impair lab/impair/nfq_impair.c -lnetfilter_queue
 * (Debian: libnetfilter-queue-dev). Needs CAP_NET_ADMIN in the network namespace of the rule.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <arpa/inet.h> /* before linux/netfilter.h: glibc first avoids the in.h clash */
#include <linux/netfilter.h> /* NF_ACCEPT, NF_DROP */
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <libnetfilter_queue/libnetfilter_queue.h>
#include <libnetfilter_queue/linux_nfnetlink_queue.h>

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif
#ifndef NETLINK_NO_ENOBUFS
#define NETLINK_NO_ENOBUFS 5
#endif

struct held {
	uint32_t id;
	uint64_t due_ns;
};

static struct {
	/* options */
	unsigned queue;
	uint64_t delay_ns;
	uint64_t drop_threshold; /* drop when rand64() < threshold */
	double loss_percent;
	uint64_t seed;
	uint32_t maxlen;
	int quiet;
	/* state */
	struct nfq_q_handle *qh;
	struct held *ring;
	uint32_t head, count;
	uint64_t prng;
	/* counters */
	uint64_t seen, dropped, delayed, passed_full, verdict_errors;
	uint32_t max_held;
} g;

static volatile sig_atomic_t stop_signal;

static void on_signal(int sig) { stop_signal = sig; }

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* splitmix64: deterministic for a given seed, good enough statistically for loss decisions */
static uint64_t rand64(void)
{
	uint64_t z = (g.prng += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static void verdict(uint32_t id, uint32_t v)
{
	if (nfq_set_verdict(g.qh, id, v, 0, NULL) < 0)
		g.verdict_errors++;
}

/* Accept every held packet whose time has come (all of them if flush). */
static void release_due(int flush)
{
	uint64_t t = now_ns();
	while (g.count && (flush || g.ring[g.head].due_ns <= t)) {
		verdict(g.ring[g.head].id, NF_ACCEPT);
		g.head = (g.head + 1) % g.maxlen;
		g.count--;
	}
}

static int on_packet(struct nfq_q_handle *qh, struct nfgenmsg *msg, struct nfq_data *nfa, void *data)
{
	(void)qh; (void)msg; (void)data;
	struct nfqnl_msg_packet_hdr *ph = nfq_get_msg_packet_hdr(nfa);
	if (!ph)
		return 0;
	uint32_t id = ntohl(ph->packet_id);
	g.seen++;
	if (g.drop_threshold && rand64() < g.drop_threshold) {
		g.dropped++;
		verdict(id, NF_DROP);
		return 0;
	}
	if (!g.delay_ns) {
		verdict(id, NF_ACCEPT);
		return 0;
	}
	if (g.count == g.maxlen) { /* cannot hold more: let it through now */
		g.passed_full++;
		verdict(id, NF_ACCEPT);
		return 0;
	}
	uint32_t tail = (g.head + g.count) % g.maxlen;
	g.ring[tail].id = id;
	g.ring[tail].due_ns = now_ns() + g.delay_ns;
	g.count++;
	g.delayed++;
	if (g.count > g.max_held)
		g.max_held = g.count;
	return 0;
}

static void usage(const char *msg, int status)
{
	if (msg)
		fprintf(stderr, "nfq_impair: %s\n", msg);
	fprintf(stderr,
		"usage: nfq_impair --queue N [--delay-ms D] [--loss-percent P] [--seed S] [--maxlen M] [--quiet]\n"
		"  --queue N         NFQUEUE number (0-65535), as in the nft rule \"queue num N bypass\"\n"
		"  --delay-ms D      hold every kept packet D ms (0-60000, fractions allowed; default 0)\n"
		"  --loss-percent P  drop each packet with probability P %% (0-100; default 0)\n"
		"  --seed S          PRNG seed for the loss decisions (default 1)\n"
		"  --maxlen M        most packets held at once, also the kernel queue length (default 8192)\n"
		"  --quiet           no summary line at exit\n");
	exit(status);
}

static double parse_num(const char *s, const char *what, double lo, double hi)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (errno || end == s || *end || v < lo || v > hi) {
		char buf[160];
		snprintf(buf, sizeof buf, "%s must be a number in [%g, %g], got '%s'", what, lo, hi, s);
		usage(buf, 2);
	}
	return v;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"queue", required_argument, 0, 'q'},      {"delay-ms", required_argument, 0, 'd'},
		{"loss-percent", required_argument, 0, 'l'}, {"seed", required_argument, 0, 's'},
		{"maxlen", required_argument, 0, 'm'},     {"quiet", no_argument, 0, 'Q'},
		{"help", no_argument, 0, 'h'},             {0, 0, 0, 0},
	};
	int have_queue = 0, c;
	double delay_ms = 0;
	g.seed = 1;
	g.maxlen = 8192;
	while ((c = getopt_long(argc, argv, "q:d:l:s:m:Qh", opts, NULL)) != -1) {
		switch (c) {
		case 'q': g.queue = (unsigned)parse_num(optarg, "--queue", 0, 65535); have_queue = 1; break;
		case 'd': delay_ms = parse_num(optarg, "--delay-ms", 0, 60000); break;
		case 'l': g.loss_percent = parse_num(optarg, "--loss-percent", 0, 100); break;
		case 's': g.seed = (uint64_t)parse_num(optarg, "--seed", 0, 9007199254740992.0); break;
		case 'm': g.maxlen = (uint32_t)parse_num(optarg, "--maxlen", 16, 1000000); break;
		case 'Q': g.quiet = 1; break;
		case 'h': usage(NULL, 0); break;
		default: usage(NULL, 2);
		}
	}
	if (optind != argc)
		usage("unexpected argument", 2);
	if (!have_queue)
		usage("--queue is required", 2);
	g.delay_ns = (uint64_t)(delay_ms * 1e6 + 0.5);
	g.prng = g.seed;
	if (g.loss_percent >= 100)
		g.drop_threshold = UINT64_MAX;
	else
		g.drop_threshold = (uint64_t)(g.loss_percent / 100.0 * 18446744073709551616.0);
	g.ring = calloc(g.maxlen, sizeof *g.ring);
	if (!g.ring) {
		perror("nfq_impair: calloc");
		return 1;
	}

	/* SIGTERM/SIGINT are blocked except inside ppoll(): no lost wake-up. */
	sigset_t block, waitmask;
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigprocmask(SIG_BLOCK, &block, &waitmask);
	sigdelset(&waitmask, SIGTERM);
	sigdelset(&waitmask, SIGINT);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	struct nfq_handle *h = nfq_open();
	if (!h) {
		perror("nfq_impair: nfq_open");
		return 1;
	}
	g.qh = nfq_create_queue(h, (uint16_t)g.queue, on_packet, NULL);
	if (!g.qh) {
		fprintf(stderr, "nfq_impair: cannot bind NFQUEUE %u: %s (another program on it? CAP_NET_ADMIN?)\n",
			g.queue, strerror(errno));
		nfq_close(h);
		return 1;
	}
	if (nfq_set_mode(g.qh, NFQNL_COPY_META, 0) < 0) {
		perror("nfq_impair: nfq_set_mode");
		return 1;
	}
	if (nfq_set_queue_maxlen(g.qh, g.maxlen) < 0)
		fprintf(stderr, "nfq_impair: warning: cannot set queue maxlen %u\n", g.maxlen);
	int fail_open = nfq_set_queue_flags(g.qh, NFQA_CFG_F_FAIL_OPEN, NFQA_CFG_F_FAIL_OPEN) == 0;
	int fd = nfq_fd(h);
	/* room for a burst of queued packet messages; NO_ENOBUFS: an overrun is not an error */
	int rcvbuf = 8 << 20, one = 1;
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof rcvbuf) < 0)
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
	setsockopt(fd, SOL_NETLINK, NETLINK_NO_ENOBUFS, &one, sizeof one);

	fprintf(stderr, "nfq_impair: queue %u delay %.3f ms loss %.3f%% seed %" PRIu64 " maxlen %u fail-open %s pid %d\n",
		g.queue, delay_ms, g.loss_percent, g.seed, g.maxlen, fail_open ? "yes" : "no", (int)getpid());

	static char buf[1 << 16] __attribute__((aligned));
	int rc = 0;
	while (!stop_signal) {
		struct timespec ts, *tsp = NULL;
		if (g.count) {
			uint64_t t = now_ns(), due = g.ring[g.head].due_ns;
			uint64_t wait = due > t ? due - t : 0;
			ts.tv_sec = (time_t)(wait / 1000000000u);
			ts.tv_nsec = (long)(wait % 1000000000u);
			tsp = &ts;
		}
		struct pollfd pfd = {.fd = fd, .events = POLLIN};
		int n = ppoll(&pfd, 1, tsp, &waitmask);
		if (n < 0 && errno != EINTR) {
			perror("nfq_impair: ppoll");
			rc = 1;
			break;
		}
		if (n > 0 && (pfd.revents & POLLIN)) {
			/* drain everything that is ready */
			for (;;) {
				ssize_t len = recv(fd, buf, sizeof buf, MSG_DONTWAIT);
				if (len < 0) {
					if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
						break;
					if (errno == ENOBUFS)
						continue;
					perror("nfq_impair: recv");
					rc = 1;
					break;
				}
				nfq_handle_packet(h, buf, (int)len);
			}
			if (rc)
				break;
		}
		release_due(0);
	}
	release_due(1);
	nfq_destroy_queue(g.qh);
	nfq_close(h);
	if (!g.quiet)
		fprintf(stderr,
			"nfq_impair: %s: seen %" PRIu64 " dropped %" PRIu64 " delayed %" PRIu64
			" passed-undelayed-full %" PRIu64 " max-held %u verdict-errors %" PRIu64 "\n",
			stop_signal ? "stopped" : "error", g.seen, g.dropped, g.delayed, g.passed_full,
			g.max_held, g.verdict_errors);
	free(g.ring);
	return rc;
}
