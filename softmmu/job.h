/*
 * Jobs (qemu's job API as QMP shows it): work that outlives the command
 * that started it, with an id, a type, a status that moves through
 * qemu's states (each move a JOB_STATUS_CHANGE event) and a progress.
 * A concluded job keeps its result until the client dismisses it.
 *
 * All calls on the main loop's thread with the device lock held.
 */
#ifndef SOFTMMU_JOB_H
#define SOFTMMU_JOB_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

#include "qmp-gen.h"

typedef struct Job {
    char *id;
    JobType type;
    JobStatus status;
    int64_t progress, progress_total;
    char *error;                /* a concluded job's failure; NULL if it worked */
} Job;

/* A new job, created then running; NULL with qemu's message if the id
 * is malformed or in use. */
Job *job_start(const char *id, JobType type, GError **err);
/* The work is done (error NULL) or failed (error taken): the job
 * concludes from the main loop, after the reply of the command that
 * started it, as qemu's (waiting, pending, concluded; or aborting,
 * concluded). */
void job_finish(Job *job, GError *error);
/* job-dismiss: a concluded job goes away. */
bool job_dismiss(const char *id, GError **err);
/* Every job, newest first (query-jobs). */
void job_foreach(void (*fn)(const Job *job, void *opaque), void *opaque);

#endif
