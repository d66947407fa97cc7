package ui

import (
	"errors"
	"strconv"
	"strings"

	"charm.land/huh/v2"

	"secu/plan"
	"secu/refund"
)

// Question is one page of a form; Hide, when set, skips it given the
// answers so far. The command line asks the same questions one a line
// (huh's accessible mode) and the browser shows them as a form.
type Question struct {
	Group *huh.Group
	Hide  func() bool
}

// Hidden reports whether the question is skipped.
func (q Question) Hidden() bool { return q.Hide != nil && q.Hide() }

// PlanQuestions holds the answers of the plan form as the form edits them.
type PlanQuestions struct {
	as, eu, arriving, children string
	have                       []string
	// Accessible: asked one a line (huh's accessible mode), where a
	// number ticks an item and 0 goes on, not space and enter.
	Accessible bool
}

// tickHint says how to answer a multiple choice in the mode it is asked.
func tickHint(accessible bool) string {
	if accessible {
		return "(a number ticks or unticks an item, 0 goes on)"
	}
	return "(space ticks, enter goes on)"
}

// NewPlanQuestions starts with the first role, outside the EU, arriving
// and no children.
func NewPlanQuestions() *PlanQuestions {
	return &PlanQuestions{as: plan.Roles[0], eu: "false", arriving: "true", children: "0"}
}

// Questions are the plan form's questions, one a page.
func (q *PlanQuestions) Questions() []Question {
	var roles []huh.Option[string]
	for _, r := range plan.Roles {
		roles = append(roles, huh.NewOption(plan.RoleLabels[r], r))
	}
	var haves []huh.Option[string]
	for _, h := range plan.Haves {
		haves = append(haves, huh.NewOption(plan.HaveLabels[h], h))
	}
	fields := []huh.Field{
		huh.NewSelect[string]().Title("Why are you in France?").Options(roles...).Value(&q.as),
		huh.NewSelect[string]().Title("Are you a national of the EU, the EEA or Switzerland?").
			Options(huh.NewOption("No", "false"), huh.NewOption("Yes", "true")).Value(&q.eu),
		huh.NewSelect[string]().Title("Are you arriving, or already living in France?").
			Options(huh.NewOption("Arriving (or just arrived)", "true"), huh.NewOption("Already living in France", "false")).Value(&q.arriving),
		huh.NewInput().Title("How many children live with you?").Value(&q.children).CharLimit(2).
			Validate(func(s string) error {
				if n, err := strconv.Atoi(strings.TrimSpace(s)); err != nil || n < 0 {
					return errors.New("type a number, such as 0")
				}
				return nil
			}),
		huh.NewMultiSelect[string]().Title("What do you already have? " + tickHint(q.Accessible)).Options(haves...).Value(&q.have),
	}
	qs := make([]Question, len(fields))
	for i, f := range fields {
		qs[i] = Question{Group: huh.NewGroup(f)}
	}
	return qs
}

// Answers are the answers given so far.
func (q *PlanQuestions) Answers() plan.Answers {
	n, _ := strconv.Atoi(strings.TrimSpace(q.children))
	return plan.Answers{As: q.as, EU: q.eu == "true", Arriving: q.arriving == "true", Children: n, Have: append([]string(nil), q.have...)}
}

// RefundQuestions holds the answers of the refund form.
type RefundQuestions struct {
	act, sector, price, mutuelle, paid string
	optam                              bool
	situation                          []string
	Accessible                         bool // as in PlanQuestions
}

// NewRefundQuestions starts with a GP visit in sector 1.
func NewRefundQuestions() *RefundQuestions {
	return &RefundQuestions{act: refund.Acts[0], sector: "1"}
}

func (q *RefundQuestions) consultation() bool {
	return q.act == "gp" || q.act == "specialist" || q.act == "teleconsultation"
}

func (q *RefundQuestions) flat() bool { return q.act == "hospital-day" || q.act == "emergency" }

func optionalEuros(s string) error {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	_, err := refund.ParseEuros(s)
	return err
}

// Questions are the refund form's questions; the sector and OPTAM ones
// only show for a consultation, the price one not for a flat charge.
func (q *RefundQuestions) Questions() []Question {
	var acts []huh.Option[string]
	for _, act := range refund.Acts {
		acts = append(acts, huh.NewOption(refund.ActLabels[act], act))
	}
	notConsultation := func() bool { return !q.consultation() }
	notOPTAM := func() bool { return !q.consultation() || q.sector != "2" }
	return []Question{
		{Group: huh.NewGroup(huh.NewSelect[string]().Title("Which act?").Options(acts...).Value(&q.act))},
		{Hide: notConsultation, Group: huh.NewGroup(
			huh.NewSelect[string]().Title("The doctor's sector").
				Options(huh.NewOption("Sector 1 (the official fee)", "1"), huh.NewOption("Sector 2 (sets own fees)", "2"), huh.NewOption("Sector 3 (outside the agreement)", "3")).
				Value(&q.sector),
		).WithHideFunc(notConsultation)},
		{Hide: notOPTAM, Group: huh.NewGroup(huh.NewConfirm().Title("Has the sector 2 doctor signed the OPTAM?").Value(&q.optam)).WithHideFunc(notOPTAM)},
		{Hide: q.flat, Group: huh.NewGroup(huh.NewInput().Title("The price charged, in euros (empty: the official fee)").Value(&q.price).Validate(optionalEuros)).WithHideFunc(q.flat)},
		{Group: huh.NewGroup(huh.NewInput().Title("Your mutuelle's cover in % of the base (100, 150, 200…; empty: none)").Value(&q.mutuelle).
			Validate(func(s string) error { _, err := refund.ParseCover(s); return err }))},
		{Group: huh.NewGroup(huh.NewMultiSelect[string]().Title("Does any of these apply? "+tickHint(q.Accessible)).Options(
			huh.NewOption("Outside the parcours de soins (no médecin traitant, no referral)", "outside-parcours"),
			huh.NewOption("The patient is under 18", "under-18"),
			huh.NewOption("Care linked to a long-term illness (ALD)", "ald"),
			huh.NewOption("Covered by the C2S", "c2s"),
			huh.NewOption("Covered by the AME", "ame"),
			huh.NewOption("Pregnant from the 6th month, or birth less than 12 days ago", "maternity"),
		).Value(&q.situation))},
		{Group: huh.NewGroup(huh.NewInput().Title("Participations (or franchises) already deducted this year, in euros (empty: none)").Value(&q.paid).Validate(optionalEuros))},
	}
}

// Input is the act described by the answers, checked.
func (q *RefundQuestions) Input() (refund.Input, error) {
	in := refund.Input{Act: q.act}
	if q.consultation() {
		in.Sector, _ = strconv.Atoi(q.sector)
		in.OPTAM = q.optam && q.sector == "2"
	}
	var err error
	if strings.TrimSpace(q.price) != "" && !q.flat() {
		if in.Price, err = refund.ParseEuros(q.price); err != nil {
			return in, errors.New("the price must be " + err.Error())
		}
	}
	if in.Mutuelle, err = refund.ParseCover(q.mutuelle); err != nil {
		return in, errors.New("the mutuelle's cover must be " + err.Error())
	}
	if strings.TrimSpace(q.paid) != "" {
		if in.PaidThisYear, err = refund.ParseEuros(q.paid); err != nil {
			return in, errors.New("the amount paid this year must be " + err.Error())
		}
	}
	for _, s := range q.situation {
		switch s {
		case "outside-parcours":
			in.OutsideParcours = q.consultation()
		case "under-18":
			in.Under18 = true
		case "ald":
			in.ALD = true
		case "c2s":
			in.C2S = true
		case "ame":
			in.AME = true
		case "maternity":
			in.Maternity = true
		}
	}
	return in, in.Check()
}
