/* libFuzzer harness: cli_parse(), the option parser every command shares.
 *
 * The input is split into argv words at NUL bytes and newlines (argv[0] is
 * the command name, as the commands receive it). Every option is allowed,
 * so the parser's value checks are reached. Nothing touches the file
 * system: only the parsed options are checked.
 *
 * getopt_long() keeps hidden state (glibc's __nextchar) between calls;
 * cli_parse() resets it with optind = 1, which does not clear a cluster
 * left half-read by a failed run ("-xo" stops at 'x'), and the next run
 * would read the previous, freed argv. glibc's full reset is optind = 0, so
 * the harness does that (with a no-op getopt call) before each run. */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "fuzz/fuzz_util.c"	/* static helpers, included */

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define MAX_WORDS	64

static const char allowed[] = " year format gwp grid-factors output dpi sort "
    "projection layer paper ";

static void
getopt_reset(void)
{
	static char	 name[] = "fuzz";
	char		*argv[] = { name, NULL };

	optind = 0;
	opterr = 0;
	(void)getopt_long(1, argv, "", NULL, NULL);
}

/* Does "p" point into the text of one of the words? */
static int
in_words(const char *p, char *const *words, int n)
{
	int	 i;

	if (p == NULL)
		return 1;
	for (i = 0; i < n; i++)
		if (p >= words[i] && p <= words[i] + strlen(words[i]))
			return 1;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cli_opts	 o;
	char		*text, *argv[MAX_WORDS + 2], *words[MAX_WORDS + 1];
	char		 cmd[] = "estimate";
	size_t		 i, start;
	int		 argc = 0, nw = 0, first, k;

	if ((text = fuzz_strndup(data, size)) == NULL)
		return 0;
	argv[argc++] = cmd;
	words[nw++] = cmd;
	for (i = 0, start = 0; i <= size && argc < MAX_WORDS + 1; i++)
		if (i == size || text[i] == '\0' || text[i] == '\n') {
			text[i] = '\0';
			argv[argc++] = text + start;
			words[nw++] = text + start;
			start = i + 1;
		}
	argv[argc] = NULL;
#ifndef FUZZ_CLI_NO_GETOPT_RESET	/* -D it to see cli_parse() alone */
	getopt_reset();
#endif
	first = cli_parse(argc, argv, "fuzz", allowed, &o);
	if (first != -1) {
		if (first < 1 || first > argc)
			fuzz_die("cli_parse: first operand out of range");
		/* every string handed back must be one of the words */
		if (!in_words(o.out_path, words, nw) ||
		    !in_words(o.sort_key, words, nw) ||
		    !in_words(o.projection, words, nw))
			fuzz_die("cli_parse: option value outside argv");
		if (o.nlayers < 0 || o.nlayers > 8)
			fuzz_die("cli_parse: nlayers out of range");
		for (k = 0; k < o.nlayers; k++)
			if (!in_words(o.layers[k], words, nw))
				fuzz_die("cli_parse: layer outside argv");
		if (o.year != 0 && (o.year < 1990 || o.year > 2100))
			fuzz_die("cli_parse: year out of range");
		if (o.dpi < 36.0 || o.dpi > 1200.0)
			fuzz_die("cli_parse: dpi out of range");
	}
	free(text);
	return 0;
}
