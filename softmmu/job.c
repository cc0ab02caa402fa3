/*
 * The job registry and the job state machine (job.h).
 */
#include <string.h>

#include "softmmu/device-lock.h"
#include "softmmu/job.h"
#include "softmmu/main-loop.h"

static GList *jobs;             /* Job, newest first */

static void set_status(Job *job, JobStatus status)
{
    job->status = status;
    qmp_event_job_status_change(job->id, status);
}

static Job *find(const char *id)
{
    for (GList *l = jobs; l; l = l->next) {
        Job *j = l->data;
        if (!strcmp(j->id, id)) {
            return j;
        }
    }
    return NULL;
}

/* qemu's id_wellformed: a letter, then letters, digits, '-', '.', '_'. */
static bool id_wellformed(const char *id)
{
    if (!g_ascii_isalpha(id[0])) {
        return false;
    }
    for (const char *p = id; *p; p++) {
        if (!g_ascii_isalnum(*p) && !strchr("-._", *p)) {
            return false;
        }
    }
    return true;
}

Job *job_start(const char *id, JobType type, GError **err)
{
    if (!id_wellformed(id)) {
        g_set_error(err, QMP_ERROR, QMP_ERROR_GENERIC, "Invalid job ID '%s'", id);
        return NULL;
    }
    if (find(id)) {
        g_set_error(err, QMP_ERROR, QMP_ERROR_GENERIC, "Job ID '%s' already in use", id);
        return NULL;
    }
    Job *job = g_new0(Job, 1);
    job->id = g_strdup(id);
    job->type = type;
    job->progress_total = 1;
    jobs = g_list_prepend(jobs, job);
    set_status(job, JOB_STATUS_CREATED);
    set_status(job, JOB_STATUS_RUNNING);
    return job;
}

static gboolean conclude(gpointer opaque)
{
    Job *job = opaque;
    device_lock();
    if (job->error) {
        set_status(job, JOB_STATUS_ABORTING);
    } else {
        set_status(job, JOB_STATUS_WAITING);
        set_status(job, JOB_STATUS_PENDING);
    }
    set_status(job, JOB_STATUS_CONCLUDED);
    device_unlock();
    return G_SOURCE_REMOVE;
}

void job_finish(Job *job, GError *error)
{
    job->progress = job->progress_total;
    if (error) {
        job->error = g_strdup(error->message);
        g_error_free(error);
    }
    GSource *s = g_idle_source_new();
    g_source_set_callback(s, conclude, job, NULL);
    g_source_attach(s, main_loop_context());
    g_source_unref(s);
}

bool job_dismiss(const char *id, GError **err)
{
    Job *job = find(id);
    if (!job) {
        g_set_error(err, QMP_ERROR, QMP_ERROR_GENERIC, "Job not found");
        return false;
    }
    if (job->status != JOB_STATUS_CONCLUDED) {
        g_set_error(err, QMP_ERROR, QMP_ERROR_GENERIC,
                    "Job '%s' in state '%s' cannot accept command verb 'dismiss'", id,
                    JobStatus_str[job->status]);
        return false;
    }
    set_status(job, JOB_STATUS_NULL);
    jobs = g_list_remove(jobs, job);
    g_free(job->id);
    g_free(job->error);
    g_free(job);
    return true;
}

void job_foreach(void (*fn)(const Job *job, void *opaque), void *opaque)
{
    for (GList *l = jobs; l; l = l->next) {
        fn(l->data, opaque);
    }
}
