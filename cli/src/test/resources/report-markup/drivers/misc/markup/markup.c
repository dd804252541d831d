// SPDX-License-Identifier: GPL-2.0
/* Written for mmapcheck's report tests: comments and strings that hold markup. */
#include <linux/dma-buf.h>

/* </script><script>alert("comment")</script> <img src=x onerror=alert(1)> & &amp; */
static int markup_mmap(struct dma_buf *dbuf, struct vm_area_struct *vma)
{
	pr_err("markup: <b>no</b> mmap </style> & '\"\n");
	return -ENODEV;
}

static const struct dma_buf_ops markup_ops = {
	.mmap = markup_mmap,
};
