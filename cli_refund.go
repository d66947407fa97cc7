package main

import (
	"errors"
	"io"
	"os"
	"strconv"
	"strings"

	"charm.land/huh/v2"
	"github.com/spf13/cobra"

	"secu/refund"
)

type refundFlags struct {
	act, mutuelle, price, paid   string
	sector                       int
	optam, outside, under18, ald bool
	maternity, c2s, ame          bool
}

func (a *app) refundCmd() *cobra.Command {
	var rf refundFlags
	cmd := &cobra.Command{
		Use:   "refund",
		Short: "What will I pay? The refund of one act, every line shown",
		Long: "Work out, for one act, what the Assurance Maladie pays, what a mutuelle\n" +
			"pays and what is left for you, with every line of the calculation and\n" +
			"the date of the figures used. An act or situation the guide's sources\n" +
			"cannot settle is refused with the reason (exit 1), never guessed.\n" +
			"Without --act it asks the questions.\n\n" +
			"Acts: " + strings.Join(refund.Acts, ", ") + ".\n\n" +
			"Examples:\n" +
			"  secu refund --act gp --sector 1 --mutuelle 100\n" +
			"  secu refund --act gp --sector 2 --optam --price 40 --mutuelle 150\n" +
			"  secu refund --act medicine-65 --price 7.99 --paid-this-year 12\n" +
			"  secu refund --act specialist --sector 1 --outside-parcours --json",
		Args: noArgs("refund"),
		RunE: func(cmd *cobra.Command, _ []string) error { return a.runRefund(cmd, rf) },
	}
	f := cmd.Flags()
	f.StringVar(&rf.act, "act", "", "the act: "+strings.Join(refund.Acts, ", "))
	f.IntVar(&rf.sector, "sector", 0, "the doctor's sector: 1, 2 or 3 (consultations)")
	f.BoolVar(&rf.optam, "optam", false, "the sector 2 doctor has signed the OPTAM")
	f.StringVar(&rf.price, "price", "", "the price charged in euros (default for a sector 1 doctor: the official fee)")
	f.StringVar(&rf.mutuelle, "mutuelle", "", "your mutuelle's cover in % of the base, such as 100, 150 or 200; none for none")
	f.BoolVar(&rf.outside, "outside-parcours", false, "outside the parcours de soins (no médecin traitant, no referral)")
	f.BoolVar(&rf.under18, "under-18", false, "the patient is under 18")
	f.BoolVar(&rf.ald, "ald", false, "care linked to a long-term illness (ALD)")
	f.BoolVar(&rf.maternity, "maternity", false, "maternity cover (from the 6th month of pregnancy)")
	f.BoolVar(&rf.c2s, "c2s", false, "covered by the C2S (complémentaire santé solidaire)")
	f.BoolVar(&rf.ame, "ame", false, "covered by the AME (aide médicale de l'État)")
	f.StringVar(&rf.paid, "paid-this-year", "", "participations (or franchises, for a medicine) already deducted this year, in euros")
	_ = cmd.RegisterFlagCompletionFunc("act", fixedCompletion(refund.Acts...))
	_ = cmd.RegisterFlagCompletionFunc("sector", fixedCompletion("1", "2", "3"))
	_ = cmd.RegisterFlagCompletionFunc("mutuelle", fixedCompletion("none", "100", "125", "150", "200", "300"))
	return cmd
}

// parseEuros reads an amount such as 30, 26.50 or 26,50 (a French decimal
// comma) or 30€.
func parseEuros(flag, s string) (float64, error) {
	t := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "€"))
	t = strings.Replace(t, ",", ".", 1)
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || v < 0 || v > 100000 || v != v {
		return 0, usageErr("--%s must be an amount in euros between 0 and 100000, such as 30 or 26.50, not %q", flag, s)
	}
	return v, nil
}

// parseCover reads a mutuelle's cover: 100, 150%, none.
func parseCover(s string) (int, error) {
	t := strings.ToLower(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%")))
	if t == "" || t == "none" || t == "0" || t == "no" {
		return 0, nil
	}
	v, err := strconv.Atoi(t)
	if err != nil || v < 100 || v > 1000 {
		return 0, usageErr("--mutuelle must be the cover in %% of the base, from 100 to 1000 (such as 100, 150 or 200), or none, not %q", s)
	}
	return v, nil
}

func (a *app) runRefund(cmd *cobra.Command, rf refundFlags) error {
	f := cmd.Flags()
	var in refund.Input
	if f.Changed("act") {
		var err error
		if in, err = rf.input(f.Changed("sector")); err != nil {
			return err
		}
	} else {
		for _, name := range []string{"sector", "optam", "price", "mutuelle", "outside-parcours", "under-18", "ald", "maternity", "c2s", "ame", "paid-this-year"} {
			if f.Changed(name) {
				return usageErr("--%s needs --act too (or run 'secu refund' alone to answer the questions)", name)
			}
		}
		var err error
		if in, err = a.askRefund(); err != nil {
			return err
		}
	}
	lib, err := a.load()
	if err != nil {
		return err
	}
	res, err := refund.Compute(lib.Figure, in)
	var ref *refund.Refusal
	switch {
	case errors.As(err, &ref):
		return &exitError{1, "cannot compute this exactly: " + ref.Reason}
	case err != nil:
		return usageErr("%s", err)
	}
	if a.opts.json {
		return a.writeJSON(res)
	}
	_, err = io.WriteString(a.out, res.Text())
	return writeErr(err)
}

func (rf refundFlags) input(sectorGiven bool) (refund.Input, error) {
	in := refund.Input{
		Act: strings.ToLower(strings.TrimSpace(rf.act)), Sector: rf.sector, OPTAM: rf.optam,
		OutsideParcours: rf.outside, Under18: rf.under18, ALD: rf.ald,
		Maternity: rf.maternity, C2S: rf.c2s, AME: rf.ame,
	}
	if !contains(refund.Acts, in.Act) {
		return in, usageErr("--act must be one of %s, not %q", strings.Join(refund.Acts, ", "), rf.act)
	}
	if sectorGiven && (rf.sector < 1 || rf.sector > 3) {
		return in, usageErr("--sector must be 1, 2 or 3, not %d", rf.sector)
	}
	var err error
	if rf.price != "" {
		if in.Price, err = parseEuros("price", rf.price); err != nil {
			return in, err
		}
	}
	if in.Mutuelle, err = parseCover(rf.mutuelle); err != nil {
		return in, err
	}
	if rf.paid != "" {
		if in.PaidThisYear, err = parseEuros("paid-this-year", rf.paid); err != nil {
			return in, err
		}
	}
	if err := in.Check(); err != nil {
		return in, usageErr("%s", err)
	}
	return in, nil
}

// refundQuestions are the form's answers, as strings for huh.
type refundQuestions struct {
	act, sector, price, mutuelle, paid string
	optam                              bool
	situation                          []string
}

func (q *refundQuestions) consultation() bool {
	return q.act == "gp" || q.act == "specialist" || q.act == "teleconsultation"
}

func (q *refundQuestions) flat() bool { return q.act == "hospital-day" || q.act == "emergency" }

func validEuros(optional bool) func(string) error {
	return func(s string) error {
		if optional && strings.TrimSpace(s) == "" {
			return nil
		}
		if _, err := parseEuros("price", s); err != nil {
			return errors.New("type an amount in euros, such as 30 or 26.50")
		}
		return nil
	}
}

// questions are the form's pages; some only show for some acts.
func (q *refundQuestions) questions() []question {
	var acts []huh.Option[string]
	for _, act := range refund.Acts {
		acts = append(acts, huh.NewOption(refund.ActLabels[act], act))
	}
	notConsultation := func() bool { return !q.consultation() }
	notOPTAM := func() bool { return !q.consultation() || q.sector != "2" }
	return []question{
		{group: huh.NewGroup(huh.NewSelect[string]().Title("Which act?").Options(acts...).Value(&q.act))},
		{hide: notConsultation, group: huh.NewGroup(
			huh.NewSelect[string]().Title("The doctor's sector (on ameli's directory or the waiting-room notice)").
				Options(huh.NewOption("Sector 1 (the official fee)", "1"), huh.NewOption("Sector 2 (sets own fees)", "2"), huh.NewOption("Sector 3 (outside the agreement)", "3")).
				Value(&q.sector),
		).WithHideFunc(notConsultation)},
		{hide: notOPTAM, group: huh.NewGroup(huh.NewConfirm().Title("Has the sector 2 doctor signed the OPTAM?").Value(&q.optam)).
			WithHideFunc(notOPTAM)},
		{hide: q.flat, group: huh.NewGroup(huh.NewInput().Title("The price charged, in euros (empty: the official fee)").Value(&q.price).Validate(validEuros(true))).
			WithHideFunc(q.flat)},
		{group: huh.NewGroup(huh.NewInput().Title("Your mutuelle's cover in % of the base (100, 150, 200…; empty: none)").Value(&q.mutuelle).
			Validate(func(s string) error {
				if _, err := parseCover(s); err != nil {
					return errors.New("type 100, 150, 200… or leave it empty")
				}
				return nil
			}))},
		{group: huh.NewGroup(huh.NewMultiSelect[string]().Title("Does any of these apply?").Options(
			huh.NewOption("Outside the parcours de soins (no médecin traitant, no referral)", "outside-parcours"),
			huh.NewOption("The patient is under 18", "under-18"),
			huh.NewOption("Care linked to a long-term illness (ALD)", "ald"),
			huh.NewOption("Covered by the C2S", "c2s"),
			huh.NewOption("Covered by the AME", "ame"),
			huh.NewOption("Maternity cover (from the 6th month)", "maternity"),
		).Value(&q.situation))},
		{group: huh.NewGroup(huh.NewInput().Title("Participations (or franchises) already deducted this year, in euros (empty: none)").Value(&q.paid).Validate(validEuros(true)))},
	}
}

func (q *refundQuestions) input() (refund.Input, error) {
	rf := refundFlags{act: q.act, price: q.price, mutuelle: q.mutuelle, paid: q.paid, optam: q.optam && q.sector == "2"}
	if q.consultation() {
		rf.sector, _ = strconv.Atoi(q.sector)
	}
	for _, s := range q.situation {
		switch s {
		case "outside-parcours":
			rf.outside = q.consultation()
		case "under-18":
			rf.under18 = true
		case "ald":
			rf.ald = true
		case "c2s":
			rf.c2s = true
		case "ame":
			rf.ame = true
		case "maternity":
			rf.maternity = true
		}
	}
	return rf.input(q.consultation())
}

// askRefund asks the questions: a form on a terminal, plain numbered
// questions (huh's accessible mode) when ACCESSIBLE is set or there is no
// terminal.
func (a *app) askRefund() (refund.Input, error) {
	q := &refundQuestions{act: refund.Acts[0], sector: "1"}
	qs := q.questions()
	if os.Getenv("ACCESSIBLE") != "" || !isTerminal(a.in) || !isTerminal(a.out) {
		if err := askAccessible(qs, a.in, a.err, "secu refund --act gp --sector 1"); err != nil {
			return refund.Input{}, err
		}
		return q.input()
	}
	var groups []*huh.Group
	for _, x := range qs {
		groups = append(groups, x.group)
	}
	form := huh.NewForm(groups...).WithInput(a.in).WithOutput(a.err)
	if err := form.Run(); err != nil {
		if errors.Is(err, huh.ErrUserAborted) {
			return refund.Input{}, &exitError{1, "cancelled"}
		}
		return refund.Input{}, &exitError{1, err.Error()}
	}
	return q.input()
}
