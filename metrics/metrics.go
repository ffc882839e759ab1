// Package metrics exposes what the bot does in Prometheus format: commands by name and outcome,
// their latency, reindex runs, and what the index serves.
package metrics

import (
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Served describes the knowledge an index serves, read at each scrape.
type Served func() (facts int, version string, built time.Time)

// Metrics records commands, reindexes and the question log. It implements bot.Observer and
// questions.Observer.
type Metrics struct {
	reg      *prometheus.Registry
	commands *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	reindex  *prometheus.CounterVec
	took     prometheus.Histogram
	rows     *prometheus.CounterVec
}

// New registers the bot's metrics, the Go runtime's and the process's.
func New(served Served) *Metrics {
	reg := prometheus.NewRegistry()
	m := &Metrics{
		reg: reg,
		commands: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "reedesk_commands_total",
			Help: "Interactions answered, by command and outcome (ok, miss, bad_input, refused, rate_limited, error). The no-match rate is outcome=\"miss\" over command=\"ask\".",
		}, []string{"command", "outcome"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "reedesk_command_duration_seconds",
			Help:    "Time from receiving an interaction to sending its answer (or deferral and answer), by command.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"command"}),
		reindex: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "reedesk_reindex_total",
			Help: "Reindex runs, by outcome (ok, unchanged, error).",
		}, []string{"outcome"}),
		took: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "reedesk_reindex_duration_seconds",
			Help:    "How long reindex runs took.",
			Buckets: prometheus.ExponentialBuckets(0.05, 2, 12),
		}),
		rows: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "reedesk_question_log_rows_total",
			Help: "Question-log rows (questions and votes) by event: queued, written, dropped (queue full or refused), error (failed database operations, retried).",
		}, []string{"event"}),
	}
	facts := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "reedesk_facts_indexed",
		Help: "Passages (facts and computed figures) in the index being served.",
	}, func() float64 { n, _, _ := served(); return float64(n) })
	age := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "reedesk_index_age_seconds",
		Help: "Seconds since the index being served was built or loaded.",
	}, func() float64 { _, _, built := served(); return time.Since(built).Seconds() })
	reg.MustRegister(m.commands, m.latency, m.reindex, m.took, m.rows, facts, age, knowledgeVersion{served},
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// knowledgeVersion exports the knowledge version as a label, so replicas can be compared.
type knowledgeVersion struct{ served Served }

var versionDesc = prometheus.NewDesc("reedesk_knowledge_version_info", "Always 1; the label is the content hash of the knowledge being served.", []string{"version"}, nil)

func (k knowledgeVersion) Describe(ch chan<- *prometheus.Desc) { ch <- versionDesc }

func (k knowledgeVersion) Collect(ch chan<- prometheus.Metric) {
	_, v, _ := k.served()
	ch <- prometheus.MustNewConstMetric(versionDesc, prometheus.GaugeValue, 1, v)
}

// Command records one answered interaction.
func (m *Metrics) Command(command, outcome string, took time.Duration) {
	m.commands.WithLabelValues(command, outcome).Inc()
	m.latency.WithLabelValues(command).Observe(took.Seconds())
}

// Reindex records one reindex run.
func (m *Metrics) Reindex(outcome string, took time.Duration) {
	m.reindex.WithLabelValues(outcome).Inc()
	if took > 0 {
		m.took.Observe(took.Seconds())
	}
}

// QuestionLog counts what happened to question-log rows.
func (m *Metrics) QuestionLog(event string, n int) {
	m.rows.WithLabelValues(event).Add(float64(n))
}

// Rates reads the question log's miss and helpful rates over the last 30 days, at each
// scrape; an error leaves them out of that scrape.
type Rates func() (miss, helpful float64, err error)

// WatchRates exports the rates as reedesk_miss_rate and reedesk_helpful_rate.
func (m *Metrics) WatchRates(rates Rates) {
	m.reg.MustRegister(ratesCollector{rates})
}

var (
	missRateDesc    = prometheus.NewDesc("reedesk_miss_rate", "Share of the questions of the last 30 days that found nothing (0 to 1).", nil, nil)
	helpfulRateDesc = prometheus.NewDesc("reedesk_helpful_rate", "Share of the votes of the last 30 days that said helpful (0 to 1).", nil, nil)
)

type ratesCollector struct{ rates Rates }

func (r ratesCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- missRateDesc
	ch <- helpfulRateDesc
}

func (r ratesCollector) Collect(ch chan<- prometheus.Metric) {
	miss, helpful, err := r.rates()
	if err != nil {
		return
	}
	ch <- prometheus.MustNewConstMetric(missRateDesc, prometheus.GaugeValue, miss)
	ch <- prometheus.MustNewConstMetric(helpfulRateDesc, prometheus.GaugeValue, helpful)
}

// Handler serves the metrics in Prometheus's text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}
