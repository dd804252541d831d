/*
 * Runs at the edges of what is enumerated. edgeunres_mmap hands the vma to a callback of its
 * object's ops that no table sets: that call may do anything. edgeimp_mmap forwards imported
 * objects to their exporter, which an exporter's own objects never are. edgeret_mmap returns a
 * helper's error before it picks a write-combined protection; edgegoto_mmap does the same
 * kernel style, each error jumping to one unwinding return. edgefwd_mmap calls through its
 * object's ops, which an importer's table also sets, forwarding to the exporter an object came
 * from: never the case for objects an exporter exports. edgemany_mmap has more conditions than
 * are enumerated.
 */
#include <linux/dma-buf.h>
#include <linux/mm.h>

struct edge_object;

struct edge_object_ops {
	int (*map)(struct edge_object *obj, struct vm_area_struct *vma);
};

struct edge_object {
	const struct edge_object_ops *ops;
	struct dma_buf_attachment *import_attach;
	struct file *filp;
	unsigned long pfn;
	int a, b, c, d, e, f, g, h, i, j, k, l, m;
};

static int edgeunres_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct edge_object *obj = buf->priv;

	return obj->ops->map(obj, vma);
}

static const struct dma_buf_ops edgeunres_ops = { /* exporter: mmap=edgeunres_mmap begin=- end=- */
	.mmap = edgeunres_mmap,
};

static int edgeimp_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct edge_object *obj = buf->priv;

	if (obj->import_attach)
		return dma_buf_mmap(obj->import_attach->dmabuf, vma, 0);
	vma_set_file(vma, obj->filp);
	return 0;
}

static const struct dma_buf_ops edgeimp_ops = { /* exporter: mmap=edgeimp_mmap begin=- end=- */
	.mmap = edgeimp_mmap,
};

static int edge_check(struct edge_object *obj)
{
	return obj->a ? -EINVAL : 0;
}

static int edgeret_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct edge_object *obj = buf->priv;
	int ret;

	ret = edge_check(obj);
	if (ret)
		return ret;
	vma->vm_page_prot = pgprot_writecombine(vma->vm_page_prot);
	return remap_pfn_range(vma, vma->vm_start, obj->pfn, vma->vm_end - vma->vm_start, vma->vm_page_prot);
}

static const struct dma_buf_ops edgeret_ops = { /* exporter: mmap=edgeret_mmap begin=- end=- */
	.mmap = edgeret_mmap,
};

void *edge_scratch(void);
void edge_release(void *scratch);

static int edgegoto_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct edge_object *obj = buf->priv;
	void *scratch;
	int ret;

	scratch = edge_scratch();
	if (!scratch) {
		ret = -ENOMEM;
		goto out;
	}
	ret = edge_check(obj);
	if (ret)
		goto out;
	vma->vm_page_prot = pgprot_writecombine(vma->vm_page_prot);
	ret = remap_pfn_range(vma, vma->vm_start, obj->pfn, vma->vm_end - vma->vm_start, vma->vm_page_prot);
out:
	edge_release(scratch);
	return ret;
}

static const struct dma_buf_ops edgegoto_ops = { /* exporter: mmap=edgegoto_mmap begin=- end=- */
	.mmap = edgegoto_mmap,
};

struct edgefwd_object;

struct edgefwd_ops {
	int (*mmap)(struct edgefwd_object *obj, struct vm_area_struct *vma);
};

struct edgefwd_object {
	const struct edgefwd_ops *ops;
	struct dma_buf *dma_buf;
	struct file *filp;
};

static int edgefwd_own_mmap(struct edgefwd_object *obj, struct vm_area_struct *vma)
{
	vma_set_file(vma, obj->filp);
	return 0;
}

static const struct edgefwd_ops edgefwd_own_ops = {
	.mmap = edgefwd_own_mmap,
};

static int edgefwd_import_mmap(struct edgefwd_object *obj, struct vm_area_struct *vma)
{
	return dma_buf_mmap(obj->dma_buf, vma, 0);
}

static const struct edgefwd_ops edgefwd_import_ops = {
	.mmap = edgefwd_import_mmap,
};

static int edgefwd_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct edgefwd_object *obj = buf->priv;

	return obj->ops->mmap(obj, vma);
}

static const struct dma_buf_ops edgefwd_ops = { /* exporter: mmap=edgefwd_mmap begin=- end=- */
	.mmap = edgefwd_mmap,
};

static int edgemany_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct edge_object *obj = buf->priv;

	if (obj->a) vma->vm_page_prot = pgprot_writecombine(vma->vm_page_prot);
	if (obj->b) vma->vm_page_prot = pgprot_writecombine(vma->vm_page_prot);
	if (obj->c) vma->vm_page_prot = pgprot_writecombine(vma->vm_page_prot);
	if (obj->d) vma->vm_page_prot = pgprot_writecombine(vma->vm_page_prot);
	if (obj->e) vma->vm_page_prot = pgprot_writecombine(vma->vm_page_prot);
	if (obj->f) vma->vm_page_prot = pgprot_writecombine(vma->vm_page_prot);
	if (obj->g) vma->vm_page_prot = pgprot_writecombine(vma->vm_page_prot);
	if (obj->h) vma->vm_page_prot = pgprot_writecombine(vma->vm_page_prot);
	if (obj->i) vma->vm_page_prot = pgprot_writecombine(vma->vm_page_prot);
	if (obj->j) vma->vm_page_prot = pgprot_writecombine(vma->vm_page_prot);
	if (obj->k) vma->vm_page_prot = pgprot_writecombine(vma->vm_page_prot);
	if (obj->l) vma->vm_page_prot = pgprot_writecombine(vma->vm_page_prot);
	if (obj->m) vma->vm_page_prot = pgprot_writecombine(vma->vm_page_prot);
	return remap_pfn_range(vma, vma->vm_start, obj->pfn, vma->vm_end - vma->vm_start, vma->vm_page_prot);
}

static const struct dma_buf_ops edgemany_ops = { /* exporter: mmap=edgemany_mmap begin=- end=- */
	.mmap = edgemany_mmap,
};
